package dev.dlqconsole;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small HTTP/1.1 proxy between an SQS client and ElasticMQ that misbehaves on request: it answers a
 * call late (after forwarding it, so SQS did take it), forwards a call and never answers it, or takes
 * entries out of a batch and reports them failed, as SQS does when it refuses one entry. Faults are
 * chosen by the call's action (the {@code X-Amz-Target} of the JSON protocol, e.g. {@code
 * SendMessageBatch}); everything else passes through untouched. Slow and failing SQS for tests,
 * without mocking the client.
 */
public final class SqsFaultProxy implements AutoCloseable {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final ServerSocket server;
    private volatile int upstreamPort;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> refused = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> holding = ConcurrentHashMap.newKeySet();
    private volatile java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean closed;

    private SqsFaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon(true).name("sqs-fault-proxy").start(this::accept);
    }

    /** A proxy to ElasticMQ on {@code upstreamPort} of this machine (0: set it later with {@link #upstream}). */
    public static SqsFaultProxy start(int upstreamPort) {
        try {
            return new SqsFaultProxy(upstreamPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void upstream(int port) {
        this.upstreamPort = port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Forwards the next {@code times} calls of the action at once and answers each after {@code delay}. */
    public void delay(String action, Duration delay, int times) {
        faults.add(new Fault(action, times, delay, false, null));
    }

    /** Forwards the next {@code times} calls of the action, then closes the connection without answering. */
    public void drop(String action, int times) {
        faults.add(new Fault(action, times, null, true, null));
    }

    /**
     * For the next {@code times} calls of the batch action that hold a matching entry, takes those
     * entries out of the request (SQS never sees them) and reports each as failed with {@code code}.
     */
    public void failEntries(String action, Predicate<JsonNode> entry, String code, int times) {
        faults.add(new Fault(action, times, null, false, new EntryFault(entry, code)));
    }

    /**
     * From now on, answers every call of the action with a 400 error without forwarding it, and so a
     * call held back by {@link #delay} ends in that error too (although SQS did take it).
     */
    public void refuse(String action) {
        refused.add(action);
    }

    /**
     * From now on, forwards calls of the action and holds each answer back until {@link #releaseHeld}
     * (then a {@link #refuse refusal} if one is set by then): a call SQS took whose answer is late.
     */
    public void hold(String action) {
        holding.add(action);
    }

    /** Lets every held answer go. */
    public void releaseHeld() {
        holding.clear();
        var latch = released;
        released = new java.util.concurrent.CountDownLatch(1);
        latch.countDown();
    }

    /** Calls of the action that reached the proxy so far. */
    public int calls(String action) {
        var n = seen.get(action);
        return n == null ? 0 : n.get();
    }

    public void reset() {
        faults.clear();
        refused.clear();
        releaseHeld();
        seen.clear();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(SqsFaultProxy::quietlyClose);
    }

    private void accept() {
        while (!closed) {
            try {
                var client = server.accept();
                open.add(client);
                Thread.ofVirtual().name("sqs-fault-proxy-conn").start(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("[SqsFaultProxy] accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        try (client) {
            var in = client.getInputStream();
            var out = client.getOutputStream();
            upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            open.add(upstream);
            var upIn = upstream.getInputStream();
            var upOut = upstream.getOutputStream();
            while (!closed) {
                var request = Message.read(in, true);
                if (request == null) {
                    return;
                }
                var action = request.action();
                seen.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
                if (refused.contains(action)) {
                    Message.refusal().write(out);
                    continue;
                }
                var fault = take(action, request);
                if (fault != null && fault.entries != null) {
                    request = fault.entries.strip(request);
                }
                request.write(upOut);
                var response = Message.read(upIn, false);
                if (response == null) {
                    return;
                }
                if (holding.contains(action)) {
                    var latch = released;
                    latch.await();
                    if (refused.contains(action)) {
                        response = Message.refusal();
                    }
                }
                if (fault != null && fault.drop) {
                    return; // SQS took the call; the client never hears of it
                }
                if (fault != null && fault.delay != null) {
                    Thread.sleep(fault.delay.toMillis());
                    if (refused.contains(action)) {
                        response = Message.refusal();
                    }
                }
                if (fault != null && fault.entries != null) {
                    response = fault.entries.report(response);
                }
                response.write(out);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up (a timeout), or the proxy closed
        } finally {
            if (upstream != null) {
                quietlyClose(upstream);
                open.remove(upstream);
            }
            open.remove(client);
        }
    }

    private synchronized Fault take(String action, Message request) {
        for (var fault : faults) {
            if (fault.action.equals(action)
                    && fault.left.get() > 0
                    && (fault.entries == null || fault.entries.matches(request))) {
                if (fault.left.decrementAndGet() == 0) {
                    faults.remove(fault);
                }
                return fault;
            }
        }
        return null;
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static final class Fault {
        final String action;
        final AtomicInteger left;
        final Duration delay;
        final boolean drop;
        final EntryFault entries;

        Fault(String action, int times, Duration delay, boolean drop, EntryFault entries) {
            this.action = action;
            this.left = new AtomicInteger(times);
            this.delay = delay;
            this.drop = drop;
            this.entries = entries;
        }
    }

    /** Takes matching entries out of a batch request and adds them to the answer's {@code Failed}. */
    private static final class EntryFault {
        final Predicate<JsonNode> entry;
        final String code;
        final List<String> removed = new CopyOnWriteArrayList<>();

        EntryFault(Predicate<JsonNode> entry, String code) {
            this.entry = entry;
            this.code = code;
        }

        boolean matches(Message request) {
            var entries = request.json().path("Entries");
            for (var e : entries) {
                if (entry.test(e)) {
                    return true;
                }
            }
            return false;
        }

        Message strip(Message request) {
            var body = (ObjectNode) request.json();
            var kept = json.createArrayNode();
            removed.clear();
            for (var e : body.path("Entries")) {
                if (entry.test(e)) {
                    removed.add(e.path("Id").asString());
                } else {
                    kept.add(e);
                }
            }
            body.set("Entries", kept);
            return request.withBody(json.writeValueAsBytes(body));
        }

        Message report(Message response) {
            var body = (ObjectNode) response.json();
            var failed = body.has("Failed") ? (ArrayNode) body.get("Failed") : body.putArray("Failed");
            for (var id : removed) {
                failed.addObject()
                        .put("Id", id)
                        .put("SenderFault", false)
                        .put("Code", code)
                        .put("Message", "refused by the test's fault proxy");
            }
            return response.withBody(json.writeValueAsBytes(body));
        }
    }

    /** One HTTP/1.1 request or response: its head as text and its body (de-chunked). */
    private record Message(String head, byte[] body) {

        static Message read(InputStream in, boolean request) throws IOException {
            var head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    if (head.size() == 0) {
                        return null;
                    }
                    throw new EOFException("connection closed in the middle of a message head");
                }
                head.write(b);
                matched =
                        (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            var text = head.toString(StandardCharsets.ISO_8859_1);
            var headers = text.toLowerCase(Locale.ROOT);
            byte[] body;
            if (headers.contains("transfer-encoding: chunked")) {
                body = chunked(in);
                text = text.replaceAll("(?i)transfer-encoding: chunked\r\n", "");
                text = text.substring(0, text.length() - 2) + "Content-Length: " + body.length + "\r\n\r\n";
            } else {
                var length = header(headers, "content-length");
                body = in.readNBytes(length == null ? 0 : Integer.parseInt(length.strip()));
            }
            return new Message(text, body);
        }

        /** SQS's answer to a call it refuses (JSON protocol, a 400 with an error type). */
        static Message refusal() {
            var body =
                    "{\"__type\":\"com.amazonaws.sqs#InvalidAddress\",\"message\":\"refused by the test's fault proxy\"}"
                            .getBytes(StandardCharsets.UTF_8);
            var head = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: "
                    + body.length + "\r\n\r\n";
            return new Message(head, body);
        }

        String action() {
            var target = header(head.toLowerCase(Locale.ROOT), "x-amz-target");
            if (target == null) {
                return "other";
            }
            // "AmazonSQS.SendMessageBatch": the original spelling, from the head as it came.
            var at = head.toLowerCase(Locale.ROOT).indexOf("x-amz-target:");
            var line = head.substring(at + "x-amz-target:".length(), head.indexOf("\r\n", at))
                    .strip();
            return line.substring(line.indexOf('.') + 1);
        }

        JsonNode json() {
            return SqsFaultProxy.json.readTree(body);
        }

        Message withBody(byte[] newBody) {
            var text = head.replaceAll("(?i)content-length: *\\d+", "Content-Length: " + newBody.length);
            return new Message(text, newBody);
        }

        void write(OutputStream out) throws IOException {
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        }

        private static String header(String lowerHead, String name) {
            for (var line : lowerHead.split("\r\n")) {
                if (line.startsWith(name + ":")) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return null;
        }

        private static byte[] chunked(InputStream in) throws IOException {
            var body = new ByteArrayOutputStream();
            while (true) {
                var size = Integer.parseInt(line(in).split(";")[0].strip(), 16);
                if (size == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                line(in);
            }
        }

        private static String line(InputStream in) throws IOException {
            var line = new ArrayList<Byte>();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    line.add((byte) b);
                }
            }
            var bytes = new byte[line.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = line.get(i);
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
