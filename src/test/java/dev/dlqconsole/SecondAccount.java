package dev.dlqconsole;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A second SQS account for tests: its own ElasticMQ server (one per test JVM), reached through an
 * {@link SqsFaultProxy} that passes everything through until a test asks it to misbehave. A test
 * context registers it as the connection {@value #CONNECTION} beside the embedded one, so the two
 * can hold queues of the same names, as two AWS accounts do.
 */
public final class SecondAccount {

    public static final String CONNECTION = "second";

    private static SQSRestServer server;
    private static SqsFaultProxy proxy;

    private SecondAccount() {}

    /** Adds the connection to the context's properties (starting the server on first use). */
    public static synchronized void register(DynamicPropertyRegistry registry) {
        start();
        registry.add("dlq-console.sqs.connections[0].name", () -> CONNECTION);
        registry.add(
                "dlq-console.sqs.connections[0].endpoint",
                () -> proxy.endpoint().toString());
        registry.add("dlq-console.sqs.connections[0].access-key-id", () -> "x");
        registry.add("dlq-console.sqs.connections[0].secret-access-key", () -> "x");
    }

    /** The proxy in front of the second account's server: faults set here hit that connection only. */
    public static synchronized SqsFaultProxy proxy() {
        start();
        return proxy;
    }

    private static void start() {
        if (server != null) {
            return;
        }
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = SQSRestServerBuilder.withPort(port)
                .withInterface("127.0.0.1")
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .start();
        server.waitUntilStarted();
        proxy = SqsFaultProxy.start(port);
    }
}
