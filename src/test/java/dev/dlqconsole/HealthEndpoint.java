package dev.dlqconsole;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A dependency's health endpoint on 127.0.0.1 that a test turns healthy: {@code /health} answers the
 * scripted statuses in order, then the fallback; a 3xx points at {@code /ok} (which answers 200, and
 * counts its hits: a health check that follows redirects would reach it).
 */
public final class HealthEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ArrayDeque<Integer> script = new ArrayDeque<>();
    private int fallback;
    private int hits;
    private int okHits;

    public HealthEndpoint(int fallback) {
        this.fallback = fallback;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/health", exchange -> {
            int status;
            synchronized (this) {
                hits++;
                status = script.isEmpty() ? this.fallback : script.poll();
            }
            if (status >= 300 && status < 400) {
                exchange.getResponseHeaders().add("Location", url("/ok"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.createContext("/ok", exchange -> {
            synchronized (this) {
                okHits++;
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers these statuses next, then {@code fallback} from then on; returns the hits so far. */
    public synchronized int answer(List<Integer> next, int newFallback) {
        script.addAll(next);
        fallback = newFallback;
        return hits;
    }

    public synchronized int hits() {
        return hits;
    }

    public synchronized int redirectsFollowed() {
        return okHits;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
