package dev.dlqconsole.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Replay throughput, printed: run with {@code ./mvnw -Pbenchmark test}. The console's executor
 * (ledger row written before each batch, marked after) beside a naive one-by-one loop (send one,
 * mark it, next) and the bare SendMessageBatch ceiling with the same calls in flight.
 */
@SpringBootTest(
        properties = {
            "dlq-console.embedded-sqs.port=0",
            "dlq-console.demo.enabled=false",
            "dlq-console.security.demo-password=bench",
            "dlq-console.parking.enabled=false",
            "dlq-console.sqs.discovery-interval=1h",
            "dlq-console.replay.poll=100ms",
            "spring.datasource.url=jdbc:h2:file:./target/benchmark/replay-${random.uuid};MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
        })
@WithMockUser(username = "bench", roles = "OPERATOR")
class ReplayBenchmark {

    private static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);

    @Autowired
    SqsGateway sqs;

    @Autowired
    ReplayService replays;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReplayProperties properties;

    @Test
    void replay_throughput_against_a_naive_loop_and_the_bare_batch_ceiling() {
        var url = sqs.createQueue("embedded", "replay-bench", Map.of());
        var attributes = Map.of(
                "error-message", MessageAttribute.string("Read timed out after 3000 ms"),
                "traceparent", MessageAttribute.string("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        var body = "{\"type\":\"OrderPlaced\",\"orderId\":\"ord-123456\",\"notes\":\"" + "n".repeat(300) + "\"}";

        // Baseline 1: what most hand-written redrive scripts do.
        var naiveIds = park("naive", body);
        var started = System.nanoTime();
        for (var id : naiveIds) {
            sqs.send("embedded", url, OutgoingMessage.of(body, attributes));
            jdbc.update("UPDATE message_state SET status = 'REPLAYED' WHERE message_id = ?", id);
        }
        var naive = MESSAGES / ((System.nanoTime() - started) / 1e9);

        // Baseline 2: SendMessageBatch as fast as it goes with the executor's concurrency, no ledger.
        started = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(properties.callsInFlight())) {
            var calls = new ArrayList<Future<?>>();
            for (int call = 0; call < MESSAGES / 10; call++) {
                var batch = new ArrayList<OutgoingMessage>();
                for (int i = 0; i < 10; i++) {
                    batch.add(new OutgoingMessage(Integer.toString(i), body, attributes, null, null));
                }
                calls.add(pool.submit(() -> sqs.sendBatch("embedded", url, batch)));
            }
            for (var c : calls) {
                c.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        var bare = MESSAGES / ((System.nanoTime() - started) / 1e9);

        // The console: ledger first, claims, replay spans, at the highest rate a job allows.
        var ids = park("console", body);
        started = System.nanoTime();
        var job = replays.create(new ReplayRequest(
                ids, null, "benchmark", "replay-bench", ReplayRequest.MAX_RATE, false, null, true, false));
        await().pollInSameThread()
                .pollInterval(Duration.ofMillis(50))
                .atMost(Duration.ofMinutes(10))
                .until(() -> replays.job(job.id()).status() == ReplayStatus.COMPLETED);
        var console = MESSAGES / ((System.nanoTime() - started) / 1e9);
        assertThat(replays.job(job.id()).sent()).isEqualTo(MESSAGES);

        System.out.printf(
                "%nREPLAY THROUGHPUT (%,d messages into one ElasticMQ queue, same JVM, 2 cores)%n"
                        + "  naive loop (SendMessage, mark, next)   : %,8.0f msg/s%n"
                        + "  bare SendMessageBatch, %d calls in flight: %,7.0f msg/s%n"
                        + "  console replay job (ledger, claims, spans): %,6.0f msg/s%n"
                        + "  ratio console / naive : %5.1fx  (target >= 10x)%n"
                        + "  ratio console / bare  : %5.2f   (target >= 0.7)%n"
                        + "  SQS's own redrive allows at most 500 msg/s%n%n",
                MESSAGES, naive, properties.callsInFlight(), bare, console, console / naive, console / bare);
    }

    /** Parked rows straight into the table, as the parker would have left them. */
    private List<Long> park(String tag, String body) {
        jdbc.update("""
                INSERT INTO parked_message (connection_name, dlq_name, sqs_message_id, source_queue, parked_at,
                    receive_count, fingerprint, body_sha256, body_size, body, body_preview, search_text,
                    attributes_json, system_json)
                SELECT 'embedded', 'replay-bench-dlq', CONCAT(?, '-', x), 'replay-bench', CURRENT_TIMESTAMP,
                    3, 'f', 'h', ?, STRINGTOUTF8(?), 'p', 's',
                    '{"error-message":{"type":"String","value":"Read timed out after 3000 ms"}}', '{}'
                FROM (SELECT "X" AS x FROM SYSTEM_RANGE(1, ?)) r
                """, tag, body.length(), body, MESSAGES);
        jdbc.update(
                "INSERT INTO message_state (message_id, connection_name, dlq_name, status) SELECT id,"
                        + " connection_name, dlq_name, 'PARKED' FROM parked_message WHERE sqs_message_id LIKE ?",
                tag + "-%");
        return jdbc.queryForList(
                "SELECT id FROM parked_message WHERE sqs_message_id LIKE ? ORDER BY id", Long.class, tag + "-%");
    }
}
