package dev.dlqconsole.parking;

import static com.codeborne.selenide.CollectionCondition.sizeGreaterThan;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codeborne.selenide.Selenide;
import dev.dlqconsole.Benchmarks;
import dev.dlqconsole.Benchmarks.Row;
import dev.dlqconsole.RealisticMessages;
import dev.dlqconsole.TestDatabase;
import dev.dlqconsole.e2e.Browser;
import dev.dlqconsole.replay.ReplayRequest;
import dev.dlqconsole.replay.ReplayService;
import dev.dlqconsole.replay.ReplayStatus;
import dev.dlqconsole.sqs.DeadLetterQueue;
import dev.dlqconsole.sqs.ReceivedMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The parking lot at a million messages, printed: text search (a value in one message, a value 20 KB
 * deep into a 100 KB body, a value in 10,000 messages, first page, count and a page 5,000 rows deep),
 * each beside the same search without its index; a replay of 100,000 of them under the heap the
 * benchmark JVM has (-Xmx512m); and, in Chromium, the Messages view's search and a 1 MiB message's
 * page. Run with {@code ./mvnw -Pbenchmark test} (H2) or {@code -Pbenchmark,postgres}. The messages
 * go in through the parker's own extraction and insert, so what is stored and indexed is what
 * parking stores and indexes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dlq-console.embedded-sqs.port=0",
            "dlq-console.demo.enabled=false",
            "dlq-console.security.demo-password=bench",
            "dlq-console.parking.enabled=false",
            "dlq-console.sqs.discovery-interval=1h",
            "dlq-console.replay.poll=100ms",
            "dlq-console.replay.budget-per-hour=10000000",
            // A benchmark's replays of thousands would otherwise wait for a second person (ADR 014).
            "dlq-console.replay.approval-required=false",
            "dlq-console.ops.metrics-refresh=1h",
        })
class SearchBenchmark {

    private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    private static final int REPLAY = Integer.getInteger("bench.replay", 100_000);
    private static final int RUNS = 20;
    private static final String NEEDLE = "ord-needle-7f3a9c21";
    private static final String DEEP = "deep-needle-55e0b1";
    private static final String PROMO = "winter-sale-7q";
    private static final List<String> DLQS = List.of("orders-dlq", "payments-dlq", "shipping-dlq", "email-dlq");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Benchmarks.database(registry, "search");
    }

    @LocalServerPort
    int port;

    @Autowired
    SqsGateway sqs;

    @Autowired
    ParkingLot lot;

    @Autowired
    ParkingService parking;

    @Autowired
    ReplayService replays;

    @Autowired
    MessageExtraction extraction;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @WithMockUser(username = "bench", roles = "ADMIN")
    void a_million_parked_messages() throws Exception {
        var replayTarget = sqs.createQueue("embedded", "bench-orders", Map.of());
        var started = System.nanoTime();
        // A schema kept from an earlier run (-Dbench.schema on PostgreSQL) has its million already.
        var already = jdbc.queryForObject("SELECT count(*) FROM parked_message", Long.class);
        if (already == null || already < ROWS) {
            build();
        }
        var built = (System.nanoTime() - started) / 1e9;
        if (TestDatabase.postgres()) {
            jdbc.execute("ANALYZE parked_message");
            jdbc.execute("ANALYZE message_state");
        }
        // Each figure is printed as it is measured too: a run stopped later keeps what it measured.
        var rows = new ArrayList<Row>() {
            @Override
            public boolean add(Row row) {
                System.out.printf(
                        "[bench] %s | %s | %s | %s%n", row.measure(), row.figure(), row.baseline(), row.target());
                return super.add(row);
            }
        };

        // -Dbench.parts=browser (or search, replay; comma-separated) measures only those, on a kept schema.
        var parts = System.getProperty("bench.parts", "search,replay,browser");
        if (parts.contains("search")) {
            searches(rows);
        }
        if (parts.contains("replay")) {
            replay(rows, replayTarget);
        }
        if (parts.contains("browser")) {
            browser(rows);
        }

        Benchmarks.print(
                String.format(
                        "A MILLION PARKED MESSAGES (%,d rows of 1-2 KB JSON, %s; %s; -Xmx%s)",
                        ROWS,
                        already != null && already >= ROWS
                                ? "kept from an earlier run"
                                : String.format("built in %.0f s", built),
                        Benchmarks.databaseName(),
                        Benchmarks.mib(Runtime.getRuntime().maxMemory())),
                rows);
    }

    private void searches(List<Row> rows) throws Exception {
        search(rows, "a value in 1 message", NEEDLE, 1);
        search(rows, "a value 20 KB deep into a 100 KB body", DEEP, 1);
        search(rows, "a value in 10,000 messages", PROMO, ROWS / 100);
        var promo = filter(PROMO);
        var deep = parking.matchingIds(promo, 5_000);
        var cursor = deep.getLast();
        rows.add(new Row(
                "  page 5,000 rows deep (keyset)",
                p95(Benchmarks.time(RUNS, () -> parking.page(promo, cursor, 50))),
                "",
                "",
                "p95 < 100 ms"));
    }

    /** The search's first page and count, each beside the same query scanning without the index. */
    private void search(List<Row> rows, String what, String term, int expected) throws Exception {
        var filter = filter(term);
        assertThat(parking.count(filter, 10_000)).as(what).isEqualTo(Math.min(expected, 10_000));
        var page = Benchmarks.time(RUNS, () -> parking.page(filter, null, 50));
        var count = Benchmarks.time(RUNS, () -> parking.count(filter, 10_000));
        var like = "%" + term + "%";
        var scan = Benchmarks.time(
                2,
                () -> jdbc.queryForList(
                        "SELECT message_id FROM parked_payload WHERE search_text LIKE ? ORDER BY message_id DESC LIMIT 50",
                        Long.class,
                        like));
        rows.add(new Row(
                "text search, " + what + ": first page",
                p95(page),
                (TestDatabase.postgres() ? "the trigram index alone: " : "a scan: ") + p95(scan),
                ratio(scan, page),
                "p95 < 100 ms"));
        rows.add(new Row("  its count (capped at 10,000)", p95(count), "", "", "p95 < 100 ms"));
    }

    /** 100,000 of the million replayed while the heap is watched; a consumer keeps the target queue short. */
    private void replay(List<Row> rows, String targetUrl) throws Exception {
        var stop = new AtomicBoolean();
        var drained = new AtomicInteger();
        var consumer = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 2; i++) {
            consumer.submit(() -> {
                while (!stop.get()) {
                    var batch = sqs.receive("embedded", targetUrl, 10, Duration.ZERO, Duration.ofSeconds(60));
                    if (batch.isEmpty()) {
                        Thread.onSpinWait();
                        continue;
                    }
                    var handles = new java.util.HashMap<String, String>();
                    for (int j = 0; j < batch.size(); j++) {
                        handles.put(Integer.toString(j), batch.get(j).receiptHandle());
                    }
                    sqs.deleteBatch("embedded", targetUrl, handles);
                    drained.addAndGet(batch.size());
                }
                return null;
            });
        }
        var heapBefore = Benchmarks.heapAfterGc();
        Benchmarks.resetHeapPeak();
        var ids = jdbc.queryForList(
                // The oldest still parked, of any DLQ (a kept schema's earlier runs replayed the oldest
                // before them); the planted values are far newer.
                "SELECT m.id FROM parked_message m JOIN message_state s ON s.message_id = m.id"
                        + " WHERE s.status = 'PARKED' ORDER BY m.id LIMIT ?",
                Long.class,
                REPLAY);
        var request = new ReplayRequest(ids, null, "benchmark", "bench-orders", 10_000, false, null, true, false);
        var preview = replays.preview(request);
        var job = replays.create(request);
        await().pollInSameThread()
                .atMost(Duration.ofMinutes(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> replays.job(job.id()).status() == ReplayStatus.COMPLETED);
        var done = replays.job(job.id());
        stop.set(true);
        consumer.shutdown();
        var seconds = Duration.between(done.createdAt(), done.finishedAt()).toMillis() / 1000.0;
        rows.add(new Row(
                String.format("replay of %,d with %,d parked: peak heap", preview.willSend(), ROWS),
                // The pools' peaks summed can pass -Xmx (they peak at different moments); the old
                // generation's peak is what the replay kept.
                Benchmarks.mib(Benchmarks.heapPeak()) + " summed, old gen " + Benchmarks.mib(Benchmarks.oldGenPeak()),
                "before: " + Benchmarks.mib(heapBefore),
                "",
                "<= 512 MiB (-Xmx512m)"));
        rows.add(new Row("  its rate", String.format("%,.0f msg/s", done.sent() / seconds), "", "", ""));
    }

    /** In Chromium, as a person waits: the Messages view's search, and a 1 MiB message's page. */
    private void browser(List<Row> rows) throws Exception {
        var big = new StringBuilder("{\"blob\":\"");
        while (big.length() < 1_048_000) {
            big.append("0123456789abcdef");
        }
        var bigId = insert(List.of(
                        received("big-" + System.nanoTime(), big.append("\"}").toString(), Map.of())))
                .getFirst();
        Browser.configure(port);
        try {
            Selenide.open("/login");
            $("#login-form vaadin-text-field[name='username'] input").setValue("admin");
            $("#login-form vaadin-password-field[name='password'] input").setValue("bench");
            $("#login-form vaadin-button[slot='submit']").click();
            $("#overview-view").shouldBe(visible);
            // Each page records, in the browser, the moment what a person waits for is on screen (the
            // harness's own polling adds its interval to what it sees, so it is printed beside).
            watchWhatIsShown();
            var search = new long[5];
            var searchSeen = new long[5];
            for (int i = 0; i < search.length; i++) {
                Selenide.open("/");
                $("#overview-view").shouldBe(visible);
                long start = System.nanoTime();
                Selenide.open("/messages?q=" + NEEDLE);
                // Its one row shown: the count says so and the grid has a row with its status.
                $("#message-count").shouldHave(com.codeborne.selenide.Condition.exactText("1 message"));
                $$("#messages-grid vaadin-grid-cell-content")
                        .filterBy(com.codeborne.selenide.Condition.text("PARKED"))
                        .shouldHave(sizeGreaterThan(0));
                search[i] = System.nanoTime() - start;
                searchSeen[i] = shownAt("row", search[i]);
                // Where the time went, as the browser saw it (milliseconds since the navigation began).
                System.out.println("[bench-detail] ?q= open: "
                        + Selenide.executeJavaScript("const n = performance.getEntriesByType('navigation')[0];"
                                + " return 'html ' + Math.round(n.responseEnd) + ', DOM '"
                                + " + Math.round(n.domContentLoadedEventEnd) + ', row shown '"
                                + " + Math.round(window.__shown.row) + '; ' + performance.getEntriesByType('resource')"
                                + ".filter(r => r.duration > 20).map(r => r.name.replace(/^https?:\\/\\/[^/]+/, '')"
                                + ".substring(0, 40) + ' ' + Math.round(r.startTime) + '+' + Math.round(r.duration))"
                                + ".join(', ')"));
            }
            // In the open view, as a person searches: type the term and press Enter, to its row shown.
            var typed = new long[5];
            var typedSeen = new long[5];
            Selenide.open("/messages?q=" + PROMO);
            $("#message-count").shouldNotHave(com.codeborne.selenide.Condition.exactText("1 message"));
            for (int i = 0; i < typed.length; i++) {
                long start = System.nanoTime();
                $("#filter-text input").setValue(NEEDLE).pressEnter();
                $("#message-count").shouldHave(com.codeborne.selenide.Condition.exactText("1 message"));
                typed[i] = System.nanoTime() - start;
                typedSeen[i] = sinceEnter("one", typed[i]);
                $("#filter-text input").setValue(PROMO).pressEnter();
                $("#message-count").shouldNotHave(com.codeborne.selenide.Condition.exactText("1 message"));
            }
            var page = new long[5];
            var pageSeen = new long[5];
            for (int i = 0; i < page.length; i++) {
                long start = System.nanoTime();
                Selenide.open("/message/" + bigId);
                $("#body-json").shouldBe(visible);
                await().pollInSameThread()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> (Long) Selenide.executeJavaScript(
                                        "return document.querySelector('#body-json').textContent.length")
                                >= 60_000L);
                page[i] = System.nanoTime() - start;
                pageSeen[i] = shownAt("body", page[i]);
            }
            rows.add(new Row(
                    String.format("Messages view in Chromium: open ?q= over %,d to its row shown", ROWS),
                    p95(searchSeen),
                    "harness: " + p95(search),
                    "",
                    "< 1 s"));
            rows.add(new Row(
                    "  typed into the open view + Enter, to its row shown",
                    p95(typedSeen),
                    "harness: " + p95(typed),
                    "",
                    "< 1 s"));
            rows.add(new Row(
                    "a 1 MiB message's page in Chromium: to its first 64 KiB shown",
                    p95(pageSeen),
                    "harness: " + p95(page),
                    "",
                    "< 1 s"));
        } finally {
            Selenide.closeWebDriver();
        }
    }

    /**
     * Before each page's own scripts run, an observer notes (in performance.now() milliseconds, from the
     * navigation's start) when the Messages view shows its one row, when its count says "1 message"
     * after an Enter, and when a message page shows 60,000 characters of its body.
     */
    private static void watchWhatIsShown() {
        var driver = com.codeborne.selenide.WebDriverRunner.getWebDriver();
        if (!(driver instanceof org.openqa.selenium.chromium.HasCdp cdp)) {
            return; // the harness's times stand
        }
        cdp.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                        window.__shown = {};
                        new MutationObserver(() => {
                          const now = performance.now(), shown = window.__shown;
                          const count = document.querySelector('#message-count');
                          const one = count && count.textContent === '1 message';
                          if (one && shown.enter !== undefined && shown.one === undefined) shown.one = now;
                          if (one && shown.row === undefined && [...document.querySelectorAll(
                              '#messages-grid vaadin-grid-cell-content')].some(c => /parked/i.test(c.textContent))) {
                            shown.row = now;
                          }
                          const body = document.querySelector('#body-json');
                          if (shown.body === undefined && body && body.textContent.length >= 60000) shown.body = now;
                        }).observe(document, {subtree: true, childList: true, characterData: true});
                        document.addEventListener('keydown', e => {
                          if (e.key === 'Enter') { window.__shown.enter = performance.now(); window.__shown.one = undefined; }
                        }, true);
                        """));
    }

    /** Nanoseconds from the navigation's start to {@code what} shown, as the page noted it. */
    private static long shownAt(String what, long harness) {
        var at = Selenide.executeJavaScript("return window.__shown ? window.__shown['" + what + "'] : null");
        return at instanceof Number ms ? (long) (ms.doubleValue() * 1e6) : harness;
    }

    /** Nanoseconds from the last Enter to {@code what} shown, as the page noted it. */
    private static long sinceEnter(String what, long harness) {
        var at = Selenide.executeJavaScript("const s = window.__shown; return s && s.enter !== undefined && s['" + what
                + "'] !== undefined" + " ? s['" + what + "'] - s.enter : null");
        return at instanceof Number ms ? (long) (ms.doubleValue() * 1e6) : harness;
    }

    /** The million: four DLQs, realistic messages, and the planted values, in parallel batches. */
    private void build() throws Exception {
        var messages = new java.util.concurrent.ConcurrentHashMap<Integer, RealisticMessages>();
        var next = new AtomicInteger();
        var context = SecurityContextHolder.getContext();
        try (var pool = Executors.newFixedThreadPool(4)) {
            var workers = new ArrayList<Future<?>>();
            for (int t = 0; t < 4; t++) {
                int worker = t;
                workers.add(pool.submit(() -> {
                    SecurityContextHolder.setContext(context);
                    var generator = messages.computeIfAbsent(worker, w -> new RealisticMessages(1_000 + w));
                    int from;
                    while ((from = next.getAndAdd(500)) < ROWS) {
                        var batch = new ArrayList<ReceivedMessage>();
                        for (int n = from; n < Math.min(ROWS, from + 500); n++) {
                            var body = generator.body(n);
                            if (n == ROWS / 4 * 3 + 7) {
                                body = body.replace("\"note\":\"", "\"note\":\"" + NEEDLE + " ");
                            } else if (n == ROWS / 2 + 11) {
                                body = deepBody(generator, n);
                            } else if (n % 100 == 37) {
                                body = body.replace(
                                        "\"note\":\"", "\"promo\":\"" + PROMO.toUpperCase() + "\",\"note\":\"");
                            }
                            batch.add(received("m-" + n, body, generator.attributes(n), n));
                        }
                        insert(batch);
                    }
                    return null;
                }));
            }
            for (var worker : workers) {
                worker.get();
            }
        }
    }

    /** A 100 KB body with the value 20 KB in. */
    private static String deepBody(RealisticMessages generator, int n) {
        var body = new StringBuilder("{\"batch\":[");
        int i = 0;
        while (body.length() < 20_000) {
            body.append(i++ == 0 ? "" : ",").append(generator.body(n + i));
        }
        body.append(",{\"marker\":\"").append(DEEP).append("\"}");
        while (body.length() < 100_000) {
            body.append(',').append(generator.body(n + i++));
        }
        return body.append("]}").toString();
    }

    private ReceivedMessage received(
            String id, String body, Map<String, dev.dlqconsole.sqs.MessageAttribute> attributes) {
        return received(id, body, attributes, 0);
    }

    private ReceivedMessage received(
            String id, String body, Map<String, dev.dlqconsole.sqs.MessageAttribute> attributes, int n) {
        var dlq = DLQS.get(n % DLQS.size());
        return new ReceivedMessage(
                id + "|" + dlq,
                "",
                body,
                attributes,
                Map.of("ApproximateReceiveCount", "3", "SentTimestamp", Long.toString(System.currentTimeMillis())));
    }

    private List<Long> insert(List<ReceivedMessage> batch) {
        var now = Instant.now();
        var drafts = batch.stream()
                .map(m -> {
                    var dlq = m.messageId().substring(m.messageId().indexOf('|') + 1);
                    return extraction.extract(
                            new DeadLetterQueue(
                                    "embedded",
                                    dlq,
                                    "http://localhost/" + dlq,
                                    "arn:aws:sqs:us-east-1:000000000000:" + dlq,
                                    List.of(new DeadLetterQueue.SourceQueue(
                                            "bench-orders",
                                            "http://localhost/bench-orders",
                                            "arn:bench-orders",
                                            3,
                                            null)),
                                    0,
                                    0,
                                    null),
                            m,
                            now);
                })
                .toList();
        transaction.executeWithoutResult(status -> lot.insert(drafts));
        return jdbc.queryForList(
                "SELECT id FROM parked_message WHERE sqs_message_id = ?",
                Long.class,
                batch.getFirst().messageId());
    }

    private static MessageFilter filter(String text) {
        return new MessageFilter(null, null, null, null, null, null, text, null);
    }

    private static String p95(long[] nanos) {
        return String.format(
                "p95 %.1f ms (p50 %.1f)", Benchmarks.percentileMs(nanos, 95), Benchmarks.percentileMs(nanos, 50));
    }

    private static String ratio(long[] baseline, long[] figure) {
        return String.format(
                "%.0fx", Benchmarks.percentileMs(baseline, 50) / Math.max(0.001, Benchmarks.percentileMs(figure, 50)));
    }
}
