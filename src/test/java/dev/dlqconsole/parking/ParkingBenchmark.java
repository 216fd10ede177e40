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

    @Autowired
    MessageExtraction extraction;

    @Test
    void parking_throughput_against_a_bare_receive_and_delete_loop() throws Exception {
        var dlq = createDlq("bench-" + System.nanoTime());
        var bare = new ArrayList<Double>();
        var parked = new ArrayList<Double>();
        for (int round = 0; round < 3; round++) {
            fill(dlq, MESSAGES);
            bare.add(rate(MESSAGES, () -> bareDrain(dlq)));
            fill(dlq, MESSAGES);
            parked.add(rate(MESSAGES, () -> parker.drain(dlq).received()));
        }
        var parkedRows =
                jdbc.queryForObject("select count(*) from parked_message where dlq_name = ?", Long.class, dlq.name());
        assertThat(parkedRows).isEqualTo(3L * MESSAGES);
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
    /** The database alone: how fast parked rows can be extracted and inserted, no broker involved. */
    void database_insert_ceiling() throws Exception {
        var dlq = createDlq("ceiling-" + System.nanoTime());
        fill(dlq, 2_000);
        var sample = sqs.receive(CONNECTION, dlq.url(), 10, Duration.ZERO, Duration.ofSeconds(60));
        for (int threads : new int[] {1, 8}) {
            var counter = new AtomicInteger();
            var started = System.nanoTime();
            try (var executor = Executors.newFixedThreadPool(threads)) {
                for (int t = 0; t < threads; t++) {
                    executor.submit(() -> {
                        int n;
                        while ((n = counter.getAndAdd(10)) < 20_000) {
                            var base = n;
                            var drafts = sample.stream()
                                    .map(m -> extraction.extract(
                                            dlq,
                                            new dev.dlqconsole.sqs.ReceivedMessage(
                                                    m.messageId() + "-" + base + "-" + threads,
                                                    m.receiptHandle(),
                                                    m.body(),
                                                    m.attributes(),
                                                    m.systemAttributes()),
                                            Instant.now()))
                                    .toList();
                            transaction.executeWithoutResult(status -> lot.insert(drafts));
                        }
                        return null;
                    });
                }
            }
            System.out.printf(
                    "%nDATABASE INSERT CEILING (extract + insert 10 rows + commit, H2 file), %d threads: %,.0f rows/s%n",
                    threads, 20_000 / ((System.nanoTime() - started) / 1e9));
        }
    }

    @Test
    void browse_latency_over_a_million_parked_messages() {
        var started = System.nanoTime();
        bulkInsert(ROWS);
        System.out.printf("%nBulk-inserted %,d rows in %.1f s%n", ROWS, (System.nanoTime() - started) / 1e9);

        var all = MessageFilter.ALL;
        // DLQ x % 8 == 0 and kind x % 50 == 8 meet every 200 rows (5,000 rows); cus-208 is 1 in 5 of those.
        var filtered = new MessageFilter(
                "orders-dlq", null, null, FailureFingerprint.of(kind(8) + " for ord-1"), null, null, "cus-208", null);
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

    /**
     * A million rows in a few statements inside H2 (SYSTEM_RANGE), spread over 8 DLQs, 3 sources and
     * 50 failure groups with realistic fingerprints, one second apart.
     */
    private void bulkInsert(int rows) {
        var dlqs = String.join(",", DLQS.stream().map(d -> "'" + d + "'").toList());
        var kinds = new ArrayList<String>();
        var prints = new ArrayList<String>();
        for (int k = 0; k < 50; k++) {
            kinds.add("'" + kind(k) + "'");
            prints.add("'" + FailureFingerprint.of(kind(k) + " for ord-1") + "'");
        }
        var start = Instant.now().minusSeconds(rows);
        for (int from = 0; from < rows; from += 100_000) {
            var to = Math.min(rows, from + 100_000) - 1;
            var sql = """
                    INSERT INTO parked_message (connection_name, dlq_name, sqs_message_id, source_queue,
                        parked_at, sent_at, receive_count, failure_reason, fingerprint, body_sha256, body_size, body,
                        body_preview, search_text, attributes_json, system_json)
                    SELECT 'embedded', ARRAY[%s][MOD(x, 8) + 1], CONCAT('bench-', x), CONCAT('source-', MOD(x, 3)),
                        DATEADD(SECOND, x, CAST(? AS TIMESTAMP WITH TIME ZONE)),
                        DATEADD(SECOND, x - 60, CAST(? AS TIMESTAMP WITH TIME ZONE)), 3,
                        CONCAT(ARRAY[%s][MOD(x, 50) + 1], ' for ord-', x), ARRAY[%s][MOD(x, 50) + 1],
                        'benchmark', 60, STRINGTOUTF8(CONCAT('{"orderId":"ord-', x, '","customerId":"cus-', MOD(x, 1000), '"}')),
                        CONCAT('{"orderId":"ord-', x, '","customerId":"cus-', MOD(x, 1000), '"}'),
                        CONCAT('error-message=', ARRAY[%s][MOD(x, 50) + 1], ' for ord-', x,
                            ' {"orderid":"ord-', x, '","customerid":"cus-', MOD(x, 1000), '"}'),
                        '{}', '{}'
                    FROM (SELECT "X" AS x FROM SYSTEM_RANGE(%d, %d)) r
                    """.formatted(
                            dlqs, String.join(",", kinds), String.join(",", prints), String.join(",", kinds), from, to);
            var at = java.sql.Timestamp.from(start);
            jdbc.update(sql, at, at);
        }
        jdbc.update("INSERT INTO message_state (message_id, connection_name, dlq_name, status)"
                + " SELECT id, connection_name, dlq_name, 'PARKED' FROM parked_message m"
                + " WHERE NOT EXISTS (SELECT 1 FROM message_state s WHERE s.message_id = m.id)");
    }

    private static final List<String> DLQS = List.of(
            "orders-dlq", "payments-dlq.fifo", "notifications-dlq", "shipping-dlq", "a-dlq", "b-dlq", "c-dlq", "d-dlq");

    /** Fifty distinct failures, differing in words, not only in numbers. */
    private static String kind(int k) {
        var words = List.of(
                "Timeout",
                "Parse",
                "Validation",
                "Template",
                "Currency",
                "Null",
                "Auth",
                "Quota",
                "Schema",
                "Conflict");
        var targets = List.of("inventory", "payments", "pricing", "email", "search");
        return words.get(k % 10) + "Exception calling " + targets.get(k / 10) + " service";
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
