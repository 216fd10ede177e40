package dev.dlqconsole.tracing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A real HTTP server that answers like Jaeger's query service for one trace, {@value #TRACE_ID},
 * with several services and a failing consumer span; every other trace is a 404.
 */
public final class JaegerStub implements AutoCloseable {

    public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final HttpServer server;

    private JaegerStub(HttpServer server) {
        this.server = server;
    }

    public static JaegerStub start() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/traces/", exchange -> {
                var found = exchange.getRequestURI().getPath().endsWith("/" + TRACE_ID);
                var body = (found
                                ? JaegerTracesTest.V1_TRACE
                                : "{\"data\":null,\"errors\":[{\"code\":404,\"msg\":\"trace not found\"}]}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(found ? 200 : 404, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new JaegerStub(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
