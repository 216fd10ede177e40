package dev.dlqconsole.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.ThreadMXBean;
import dev.dlqconsole.Benchmarks;
import dev.dlqconsole.Benchmarks.Row;
import dev.dlqconsole.RealisticMessages;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replay throughput and the preview, printed beside fair baselines: run with {@code ./mvnw -Pbenchmark
 * test} (H2) or {@code ./mvnw -Pbenchmark,postgres test}. Every figure comes from one process, one
 * ElasticMQ, one database: the console's job against a naive loop (read one, send it, mark it) and
 * against bare SendMessageBatch with the job's calls in flight and no ledger. Messages look like
 * production's (1 to 2 KB of JSON, several attributes; {@link RealisticMessages}).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dlq-console.embedded-sqs.port=0",
            "dlq-console.demo.enabled=false",
            "dlq-console.security.demo-password=bench",
            "dlq-console.parking.enabled=false",
            "dlq-console.parking.concurrency=8",
            "dlq-console.parking.receive-wait=0s",
            "dlq-console.sqs.discovery-interval=1h",
            "dlq-console.replay.poll=100ms",
            "dlq-console.replay.budget-per-hour=10000000",
            // A benchmark's replays of thousands would otherwise wait for a second person (ADR 014).
            "dlq-console.replay.approval-required=false",
        })
@WithMockUser(username = "bench", roles = "OPERATOR")
class ReplayBenchmark {

    private static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);
    private static final int NAIVE = Math.min(MESSAGES, 5_000);
    private static final int PREVIEW = Integer.getInteger("bench.preview", 100_000);
    private static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Benchmarks.database(registry, "replay");
    }

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    ParkingService parking;

    @Autowired
    ReplayService replays;

    @Autowired
    ReplayProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void replay_throughput_and_preview_beside_their_baselines() throws Exception {
        var messages = new RealisticMessages(42);
        var queues = TestQueues.create(sqs, "replay-bench", false);
        var inFlight = properties.callsInFlight();

        // Baseline 1: what most hand-written redrive scripts do, one message at a time.
        park(queues, messages, 0, NAIVE);
        var naiveIds = parking.matchingIds(parked(queues), NAIVE);
        var started = System.nanoTime();
        for (var id : naiveIds) {
            var row = jdbc.queryForMap("SELECT body, attributes_json FROM parked_payload WHERE message_id = ?", id);
            sqs.send(
                    "embedded",
                    queues.sourceUrl(),
                    OutgoingMessage.of(
                            new String((byte[]) row.get("body"), java.nio.charset.StandardCharsets.UTF_8),
                            attributes((String) row.get("attributes_json"))));
            jdbc.update("UPDATE message_state SET status = 'REPLAYED' WHERE message_id = ?", id);
        }
        var naive = NAIVE / seconds(started);
        drain(queues, NAIVE);

        // Baseline 2: SendMessageBatch as fast as it goes with the job's calls in flight, no ledger.
        var bodies = new ArrayList<OutgoingMessage>();
        for (int i = 0; i < MESSAGES; i++) {
            bodies.add(messages.message(1_000_000 + i));
        }
        started = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(inFlight)) {
            var calls = new ArrayList<Future<?>>();
            for (int call = 0; call < MESSAGES / 10; call++) {
                var batch = new ArrayList<OutgoingMessage>();
                for (int i = 0; i < 10; i++) {
                    var m = bodies.get(call * 10 + i);
                    batch.add(new OutgoingMessage(Integer.toString(i), m.body(), m.attributes(), null, null));
                }
                calls.add(pool.submit(() -> assertThat(sqs.sendBatch("embedded", queues.sourceUrl(), batch)
                                .allSucceeded())
                        .isTrue()));
            }
            for (var call : calls) {
                call.get();
            }
        }
        var bare = MESSAGES / seconds(started);
        bodies.clear();
        drain(queues, MESSAGES);

        // The console: a job over parked messages, with its ledger, claims, fencing and replay spans.
        park(queues, messages, 2_000_000, MESSAGES);
        var job = replays.create(
                new ReplayRequest(List.of(), parked(queues), "benchmark", null, 10_000, false, null, true, false));
        await().pollInSameThread()
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> replays.job(job.id()).status() == ReplayStatus.COMPLETED);
        var done = replays.job(job.id());
        assertThat(done.sent()).isEqualTo(MESSAGES);
        var console = MESSAGES
                / (Duration.between(done.createdAt(), done.finishedAt()).toMillis() / 1000.0);
        drain(queues, MESSAGES);

        // The preview over many messages: what it takes in time and in heap.
        var previewDlq = TestQueues.create(sqs, "preview-bench", false);
        for (int from = 0; from < PREVIEW; from += 20_000) {
            park(previewDlq, messages, 3_000_000 + from, Math.min(20_000, PREVIEW - from));
        }
        var filter = new MessageFilter(previewDlq.dlqName(), null, null, null, null, null, null, null);
        var request = new ReplayRequest(List.of(), filter, "preview", null, 100, false, null);
        replays.preview(request); // warm up
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        var heapBefore = Benchmarks.heapAfterGc();
        var oldBefore = Benchmarks.oldGenUsed();
        Benchmarks.resetHeapPeak();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        var previewNanos = Benchmarks.time(5, () -> replays.preview(request));
        long allocated = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / 10;
        // Growth is what the heap must hold for a preview: the old generation's rise while previews
        // run (what outlived young collections), and what a finished preview keeps (its result).
        var oldGrowth = Benchmarks.oldGenPeak() - oldBefore;
        var held = replays.preview(request);
        var retained = Benchmarks.heapAfterGc() - heapBefore;
        assertThat(held.willSend()).isEqualTo(PREVIEW);

        var rows = new ArrayList<Row>();
        rows.add(new Row(
                "replay rate / bare SendMessageBatch, " + inFlight + " calls in flight",
                String.format("%,.0f msg/s", console),
                String.format("%,.0f msg/s", bare),
                String.format("%.2f", console / bare),
                ">= 0.8"));
        rows.add(new Row(
                "replay rate / naive loop (read one, send it, mark it)",
                String.format("%,.0f msg/s", console),
                String.format("%,.0f msg/s", naive),
                String.format("%.1fx", console / naive),
                ">= 10x"));
        rows.add(new Row(
                String.format("replay preview of %,d messages", PREVIEW),
                String.format(
                        "p50 %.0f ms, max %.0f ms",
                        Benchmarks.percentileMs(previewNanos, 50), Benchmarks.percentileMs(previewNanos, 100)),
                "",
                "",
                "< 1 s"));
        rows.add(new Row(
                "  heap growth: old gen during previews / a result kept",
                Benchmarks.mib(Math.max(0, oldGrowth)) + " / " + Benchmarks.mib(Math.max(0, retained)),
                Benchmarks.mib(allocated) + " allocated per preview",
                "",
                "growth < 50 MiB"));
        Benchmarks.print(
                String.format(
                        "REPLAY (%,d realistic messages; ElasticMQ in the JVM; %s; %d cores; -Xmx%s)",
                        MESSAGES,
                        Benchmarks.databaseName(),
                        Runtime.getRuntime().availableProcessors(),
                        Benchmarks.mib(Runtime.getRuntime().maxMemory())),
                rows);
    }

    private static MessageFilter parked(TestQueues queues) {
        return new MessageFilter(
                queues.dlqName(), null, dev.dlqconsole.parking.ParkedStatus.PARKED, null, null, null, null, null);
    }

    /** Puts the messages into the DLQ and parks them. */
    private void park(TestQueues queues, RealisticMessages messages, long first, int count) throws Exception {
        var next = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(4)) {
            var sends = new ArrayList<Future<?>>();
            for (int t = 0; t < 4; t++) {
                sends.add(pool.submit(() -> {
                    int start;
                    while ((start = next.getAndAdd(10)) < count) {
                        var batch = new ArrayList<OutgoingMessage>();
                        for (int i = start; i < Math.min(count, start + 10); i++) {
                            var m = messages.message(first + i);
                            batch.add(new OutgoingMessage(
                                    Integer.toString(i - start), m.body(), m.attributes(), null, null));
                        }
                        sqs.sendBatch("embedded", queues.dlqUrl(), batch);
                    }
                    return null;
                }));
            }
            for (var send : sends) {
                send.get();
            }
        }
        discovery.refresh("embedded");
        int parked = 0;
        while (parked < count) {
            parked += parking.parkNow("embedded", queues.dlqName()).parked();
        }
    }

    /** Empties the target queue between phases (untimed), with four receivers, and counts what came. */
    private void drain(TestQueues queues, int expected) throws Exception {
        var received = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(4)) {
            var receivers = new ArrayList<Future<?>>();
            for (int t = 0; t < 4; t++) {
                receivers.add(pool.submit(() -> {
                    int empty = 0;
                    while (empty < 2) {
                        var batch =
                                sqs.receive("embedded", queues.sourceUrl(), 10, Duration.ZERO, Duration.ofSeconds(60));
                        if (batch.isEmpty()) {
                            empty++;
                            continue;
                        }
                        empty = 0;
                        var handles = new java.util.HashMap<String, String>();
                        for (int i = 0; i < batch.size(); i++) {
                            handles.put(Integer.toString(i), batch.get(i).receiptHandle());
                        }
                        sqs.deleteBatch("embedded", queues.sourceUrl(), handles);
                        received.addAndGet(batch.size());
                    }
                    return null;
                }));
            }
            for (var receiver : receivers) {
                receiver.get();
            }
        }
        assertThat(received.get()).as("arrived in the target queue").isGreaterThanOrEqualTo(expected);
    }

    private static Map<String, MessageAttribute> attributes(String stored) {
        var attributes = new LinkedHashMap<String, MessageAttribute>();
        for (var entry : json.readTree(stored).properties()) {
            var node = entry.getValue();
            var base64 = node.path("base64").asString(null);
            attributes.put(
                    entry.getKey(),
                    new MessageAttribute(
                            node.path("type").asString("String"),
                            node.path("value").asString(null),
                            base64 == null ? null : Base64.getDecoder().decode(base64)));
        }
        return attributes;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
