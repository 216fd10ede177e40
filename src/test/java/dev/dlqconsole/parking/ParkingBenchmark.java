package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.sqs.DeadLetterQueue;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The parking lot's speed, printed, not asserted against a clock: run with {@code ./mvnw -Pbenchmark
 * test}. Parking throughput is compared with a bare receive-and-delete loop on the same broker in
 * the same process; browse latency is measured over a million parked rows on the durable H2 file.
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
            "spring.datasource.url=jdbc:h2:file:./target/benchmark/parking-${random.uuid};MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
        })
class ParkingBenchmark {

    private static final String CONNECTION = "embedded";
    private static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);
    private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    private static final int THREADS = 8;

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    Parker parker;

    @Autowired
    ParkingLot lot;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void parking_throughput_against_a_bare_receive_and_delete_loop() throws Exception {
        var dlq = createDlq("bench-" + System.nanoTime());
        var bare = new ArrayList<Double>();
        var parked = new ArrayList<Double>();
        for (int round = 0; round < 2; round++) {
            fill(dlq, MESSAGES);
            bare.add(rate(MESSAGES, () -> bareDrain(dlq)));
            fill(dlq, MESSAGES);
            parked.add(rate(MESSAGES, () -> parker.drain(dlq).received()));
        }
        var parkedRows =
                jdbc.queryForObject("select count(*) from parked_message where dlq_name = ?", Long.class, dlq.name());
        assertThat(parkedRows).isEqualTo(2L * MESSAGES);
        var bestBare = bare.stream().mapToDouble(d -> d).max().orElseThrow();
        var bestParked = parked.stream().mapToDouble(d -> d).max().orElseThrow();
        System.out.printf(
                "%nPARKING THROUGHPUT (%,d messages, %d receivers, ElasticMQ and H2 file in one JVM, 2 cores)%n"
                        + "  bare receive+delete loop : %,8.0f msg/s  (rounds %s)%n"
                        + "  parker (receive, insert, commit, delete): %,8.0f msg/s  (rounds %s)%n"
                        + "  ratio parker / bare      : %.2f  (target >= 0.80)%n%n",
                MESSAGES, THREADS, bestBare, format(bare), bestParked, format(parked), bestParked / bestBare);
    }

    @Test
    void browse_latency_over_a_million_parked_messages() {
        var started = System.nanoTime();
        bulkInsert(ROWS);
        System.out.printf("%nBulk-inserted %,d rows in %.1f s%n", ROWS, (System.nanoTime() - started) / 1e9);

        var all = MessageFilter.ALL;
        var filtered = new MessageFilter(
                "orders-dlq",
                null,
                null,
                FailureFingerprint.of("failure kind 7 for ord-1"),
                null,
                null,
                "cus-12",
                null);
        Long cursor =
                jdbc.queryForObject("select id from parked_message order by id desc limit 1 offset 4999", Long.class);
        var results = new LinkedHashMap<String, long[]>();
        results.put("first page (50 rows, no filter)", time(() -> lot.page(all, null, 50)));
        results.put("page 5,000 rows deep (keyset)", time(() -> lot.page(all, cursor, 50)));
        results.put("page 5,000 rows deep (offset, for jumps)", time(() -> lot.pageAt(all, 5_000, 50)));
        results.put("filtered page (DLQ + failure group + text)", time(() -> lot.page(filtered, null, 50)));
        results.put("capped count of the filtered selection", time(() -> List.of(lot.count(filtered, 10_000))));
        results.put("capped count, no filter (10,000 cap)", time(() -> List.of(lot.count(all, 10_000))));
        assertThat(lot.page(filtered, null, 50)).isNotEmpty();
        System.out.printf("%nBROWSE LATENCY over %,d parked messages (H2 file, WRITE_DELAY=0), 200 runs each%n", ROWS);
        results.forEach((name, nanos) -> System.out.printf(
                "  %-45s median %6.2f ms   p95 %6.2f ms%n", name, percentile(nanos, 50), percentile(nanos, 95)));
        System.out.println();
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
        var attributes = Map.of(
                "traceparent", MessageAttribute.string("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                "error-type", MessageAttribute.string("java.net.SocketTimeoutException"),
                "error-message", MessageAttribute.string("Read timed out after 3000 ms calling inventory-service"));
        var body =
                "{\"type\":\"OrderPlaced\",\"orderId\":\"ord-123456\",\"lines\":[{\"sku\":\"SKU-1042\",\"quantity\":2}],"
                        + "\"notes\":\"" + "n".repeat(300) + "\"}";
        var next = new AtomicInteger();
        parallel(() -> {
            int start;
            while ((start = next.getAndAdd(10)) < count) {
                var batch = new ArrayList<OutgoingMessage>();
                for (int i = start; i < Math.min(count, start + 10); i++) {
                    batch.add(new OutgoingMessage(Integer.toString(i - start), body, attributes, null, null));
                }
                sqs.sendBatch(CONNECTION, dlq.url(), batch);
            }
            return 0;
        });
    }

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
        try (var executor = Executors.newFixedThreadPool(THREADS)) {
            var futures = new ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < THREADS; i++) {
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

    private void bulkInsert(int rows) {
        var dlqs = List.of(
                "orders-dlq",
                "payments-dlq.fifo",
                "notifications-dlq",
                "shipping-dlq",
                "a-dlq",
                "b-dlq",
                "c-dlq",
                "d-dlq");
        var now = Instant.now();
        int batchSize = 2_000;
        for (int from = 0; from < rows; from += batchSize) {
            var drafts = new ArrayList<ParkedMessageDraft>(batchSize);
            for (int i = from; i < Math.min(rows, from + batchSize); i++) {
                var reason = "failure kind " + (i % 50) + " for ord-" + i;
                var body = ("{\"orderId\":\"ord-" + i + "\",\"customerId\":\"cus-" + (i % 1000) + "\"}").getBytes();
                drafts.add(new ParkedMessageDraft(
                        "embedded",
                        dlqs.get(i % dlqs.size()),
                        "bench-" + i,
                        "source-" + (i % 3),
                        now.minusSeconds(rows - i),
                        now.minusSeconds(rows - i + 60),
                        3,
                        reason,
                        null,
                        FailureFingerprint.of(reason),
                        null,
                        null,
                        null,
                        null,
                        FailureFingerprint.sha256(body),
                        body,
                        new String(body),
                        ("error-message=" + reason + "\n" + new String(body)).toLowerCase(),
                        "{}",
                        "{}",
                        null,
                        null,
                        null));
            }
            transaction.executeWithoutResult(status -> lot.insert(drafts));
        }
    }

    private static long[] time(Supplier<List<?>> query) {
        for (int i = 0; i < 30; i++) {
            query.get();
        }
        var nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            var started = System.nanoTime();
            query.get();
            nanos[i] = System.nanoTime() - started;
        }
        return nanos;
    }

    private static double percentile(long[] nanos, int percentile) {
        var sorted = nanos.clone();
        Arrays.sort(sorted);
        var index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[index] / 1e6;
    }

    private static String format(List<Double> rates) {
        return rates.stream().map(r -> String.format("%,.0f", r)).toList().toString();
    }
}
