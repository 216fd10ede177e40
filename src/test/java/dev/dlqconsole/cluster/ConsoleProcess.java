package dev.dlqconsole.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A console instance in a process of its own, started from the test's class path, as a deployment runs
 * it: so a test can kill it the way a machine dies ({@code SIGKILL}, nothing released).
 */
final class ConsoleProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ConsoleProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static ConsoleProcess start(String name, Map<String, String> properties) throws IOException {
        int port = freePort();
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-Ddlq.parent-pid=" + ProcessHandle.current().pid(),
                "-cp",
                System.getProperty("java.class.path"),
                ChildConsole.class.getName(),
                "--server.port=" + port,
                "--dlq-console.cluster.instance-name=" + name));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        var log = Path.of("target", "cluster-it", name + ".log");
        Files.createDirectories(log.getParent());
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // Should the test JVM itself die, the instance must not outlive it holding ports and leases.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new ConsoleProcess(name, port, process, log);
    }

    String name() {
        return name;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the instance answers its readiness probe (its database is migrated and reachable). */
    void awaitReady(Duration timeout) {
        var http = HttpClient.newHttpClient();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited at start-up; see " + log.toAbsolutePath());
                }
                try {
                    return http.send(
                                            HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                                                    .timeout(Duration.ofSeconds(2))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                } catch (IOException e) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(
                    name + " was not ready within " + timeout + "; see " + log.toAbsolutePath());
        }
    }

    /** Stops the process where it stands ({@code SIGSTOP}), as a long GC pause or a frozen VM does. */
    void suspend() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a suspended process go on ({@code SIGCONT}), unaware of the time it lost. */
    void wake() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        var kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Kills the process without warning, as a machine that dies: no shutdown hook, no lease given up. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                wake(); // a suspended process ignores a polite stop
            } catch (IOException | IllegalStateException e) {
                // it is gone already
            }
            process.destroy();
            // A graceful stop lets a replay wave finish (up to 15 s) before the leases go.
            if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
