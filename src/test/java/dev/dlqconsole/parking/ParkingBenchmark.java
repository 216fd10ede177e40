package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.Benchmarks;
import dev.dlqconsole.Benchmarks.Row;
import dev.dlqconsole.RealisticMessages;
import dev.dlqconsole.sqs.DeadLetterQueue;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Parking throughput, printed beside its baseline: run with {@code ./mvnw -Pbenchmark test} (H2) or
 * {@code ./mvnw -Pbenchmark,postgres test}. The baseline is a bare loop of the receive the parker
 * makes (10 messages, all attributes) and {@code DeleteMessageBatch}, with as many receivers as the
 * parker has, on the same ElasticMQ in the same process; the parker adds extraction, the insert and
 * its commit. Messages look like production's ({@link RealisticMessages}: 1 to 2 KB of JSON, trace
 * context, the failure, tenant and idempotency attributes). Three rounds each, alternating, so that
 * a noisy neighbour hurts both.
 */
@SpringBootTest(
        properties = {
            "dlq-console.embedded-sqs.port=0",
            "dlq-console.demo.enabled=false",
            "dlq-console.security.demo-password=bench",
            "dlq-console.parking.enabled=false",
            "dlq-console.parking.concurrency=8",
            "dlq-console.parking.receive-wait=0s",
            "dlq-console.sqs.discovery-interval=1h",
            "dlq-console.ops.metrics-refresh=1h",
        })
class ParkingBenchmark {

    private static final String CONNECTION = "embedded";
    private static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);
    private static final int RECEIVERS = 8;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Benchmarks.database(registry, "parking");
    }

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    Parker parker;

    @Autowired
    JdbcTemplate jdbc;

    private final RealisticMessages messages = new RealisticMessages(42);
    private final AtomicInteger serial = new AtomicInteger();

    @Test
    void parking_throughput_against_a_bare_receive_and_delete_loop() throws Exception {
        var dlq = createDlq("bench-" + System.nanoTime());
        var bare = new ArrayList<Double>();
        var parked = new ArrayList<Double>();
        // A round of each first, not counted: the JIT, the connection pool and H2's caches warm up.
        fill(dlq, MESSAGES / 4);
        bareDrain(dlq);
        fill(dlq, MESSAGES / 4);
        parker.drain(dlq);
        for (int round = 0; round < 3; round++) {
            fill(dlq, MESSAGES);
            bare.add(rate(MESSAGES, () -> bareDrain(dlq)));
            fill(dlq, MESSAGES);
            parked.add(rate(MESSAGES, () -> parker.drain(dlq).received()));
        }
        var rows =
                jdbc.queryForObject("select count(*) from parked_message where dlq_name = ?", Long.class, dlq.name());
        assertThat(rows).isEqualTo(3L * MESSAGES + MESSAGES / 4);
        double medianBare = median(bare);
        double medianParked = median(parked);
        Benchmarks.print(
                String.format(
                        "PARKING (%,d realistic messages a round, %d receivers each, ElasticMQ in this JVM; %s)",
                        MESSAGES, RECEIVERS, Benchmarks.databaseName()),
                List.of(new Row(
                        "parking rate / bare receive (10, all attributes) + delete",
                        String.format("%,.0f msg/s %s", medianParked, format(parked)),
                        String.format("%,.0f msg/s %s", medianBare, format(bare)),
                        String.format("%.2f", medianParked / medianBare),
                        ">= 0.8")));
    }

    private DeadLetterQueue createDlq(String name) {
        var url = sqs.createQueue(CONNECTION, name + "-dlq", Map.of());
        var arn = sqs.describe(CONNECTION, url).arn();
        sqs.createQueue(
                CONNECTION,
                name,
                Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"3\"}"));
        return discovery.refresh(CONNECTION).deadLetterQueues().stream()
                .filter(q -> q.name().equals(name + "-dlq"))
                .findFirst()
                .orElseThrow();
    }

    private void fill(DeadLetterQueue dlq, int count) throws Exception {
        var next = new AtomicInteger();
        parallel(() -> {
            int start;
            while ((start = next.getAndAdd(10)) < count) {
                var batch = new ArrayList<OutgoingMessage>();
                for (int i = start; i < Math.min(count, start + 10); i++) {
                    var m = messages.message(serial.getAndIncrement());
                    batch.add(new OutgoingMessage(Integer.toString(i - start), m.body(), m.attributes(), null, null));
                }
                sqs.sendBatch(CONNECTION, dlq.url(), batch);
            }
            return 0;
        });
    }

    /** What parking must do at the least: the same receive, then delete what was received. */
    private int bareDrain(DeadLetterQueue dlq) throws Exception {
        return parallel(() -> {
            int received = 0;
            while (true) {
                var batch = sqs.receive(CONNECTION, dlq.url(), 10, Duration.ZERO, Duration.ofSeconds(30));
                if (batch.isEmpty()) {
                    return received;
                }
                var handles = new HashMap<String, String>();
                for (int i = 0; i < batch.size(); i++) {
                    handles.put(Integer.toString(i), batch.get(i).receiptHandle());
                }
                sqs.deleteBatch(CONNECTION, dlq.url(), handles);
                received += batch.size();
            }
        });
    }

    private static int parallel(Callable<Integer> work) throws Exception {
        try (var executor = Executors.newFixedThreadPool(RECEIVERS)) {
            var futures = new ArrayList<Future<Integer>>();
            for (int i = 0; i < RECEIVERS; i++) {
                futures.add(executor.submit(work));
            }
            int total = 0;
            for (var f : futures) {
                total += f.get();
            }
            return total;
        }
    }

    private static double rate(int expected, Callable<Integer> drain) throws Exception {
        var started = System.nanoTime();
        var received = drain.call();
        var seconds = (System.nanoTime() - started) / 1e9;
        assertThat(received).isEqualTo(expected);
        return received / seconds;
    }

    private static double median(List<Double> rates) {
        var sorted = rates.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String format(List<Double> rates) {
        return rates.stream().map(r -> String.format("%,.0f", r)).toList().toString();
    }
}
