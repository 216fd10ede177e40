package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.TestQueues;
import dev.dlqconsole.replay.ReplayRequest;
import dev.dlqconsole.replay.ReplayService;
import dev.dlqconsole.replay.ReplayStatus;
import dev.dlqconsole.security.SensitiveValues;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;

/**
 * A viewer in the browser, where masking used to stop short: the attribute a failure reason came
 * from, a Python-style body, a search by a masked value, and a canary pause that quoted a returned
 * message's reason in the jobs list.
 */
@TestPropertySource(
        properties = {
            "dlq-console.parking.interval=300ms",
            "dlq-console.parking.receive-wait=0s",
            "dlq-console.replay.poll=200ms",
            "dlq-console.replay.canary-messages=2",
            "dlq-console.replay.canary-watch=5s",
        })
class MaskedAtParkJourneyIT extends BrowserJourney {

    private static final String M = SensitiveValues.MARKER;

    @Autowired
    ReplayService replays;

    @Test
    void a_viewer_sees_the_reasons_attribute_and_python_bodies_masked_and_cannot_search_by_a_masked_value() {
        var queues = TestQueues.create(sqs, "ui-masked", false);
        var sqsId = sqs.send(
                "embedded",
                queues.dlqUrl(),
                OutgoingMessage.of(
                        "{'user': 'grace', 'password': 'hunter2-ui'}",
                        Map.of(
                                "error-message",
                                MessageAttribute.string("GET /orders?access_token=tok-ui-9090 answered 401"))));
        var id = awaitParkedMessage(sqsId);
        LoginPage.open().logInAs("viewer", PASSWORD);
        OverviewPage.shown();

        var page = MessagePage.open(id);
        page.failureReason().shouldHave(text("access_token=" + M));
        page.attributes().shouldHave(text("error-message"), text("access_token=" + M));
        page.rawBody().shouldHave(text("'password': '" + M + "'"));
        assertThat($("#message-view").getText()).doesNotContain("tok-ui-9090", "hunter2-ui");

        MessagesPage.open("dlq=" + queues.dlqName() + "&q=grace").count().shouldHave(text("1 message"));
        for (var probe : List.of("hunter2-ui", "hunter", "tok-ui-9090", "access_token=t")) {
            MessagesPage.open("dlq=" + queues.dlqName() + "&q=" + URLEncoder.encode(probe, StandardCharsets.UTF_8))
                    .count()
                    .shouldHave(text("0 messages"));
        }
    }

    @Test
    void a_viewer_reads_why_a_canary_paused_without_the_returned_messages_secret() throws Exception {
        var queues = TestQueues.create(sqs, "ui-canary", false);
        for (int i = 0; i < 6; i++) {
            sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        awaitParked(queues.dlqName(), 6);
        var ids = jdbc.queryForList("SELECT id FROM parked_message WHERE dlq_name = ?", Long.class, queues.dlqName());
        var consumer = Executors.newSingleThreadScheduledExecutor();
        try {
            consumer.scheduleWithFixedDelay(
                    () -> {
                        for (var m : sqs.receive(
                                "embedded", queues.sourceUrl(), 10, Duration.ZERO, Duration.ofSeconds(30))) {
                            var attributes = new LinkedHashMap<>(m.attributes());
                            attributes.put(
                                    "error-message",
                                    MessageAttribute.string("vault refused: password=tok-canary-ui-77 expired"));
                            sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of(m.body(), attributes));
                            sqs.deleteBatch("embedded", queues.sourceUrl(), Map.of("0", m.receiptHandle()));
                        }
                    },
                    0,
                    200,
                    TimeUnit.MILLISECONDS);
            var job = asOperator(() -> replays.create(new ReplayRequest(ids, null, "retry", null, 50, false, null)));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> asOperator(() -> replays.job(job.id()).status()) == ReplayStatus.PAUSED);
        } finally {
            consumer.shutdownNow();
        }

        LoginPage.open().logInAs("viewer", PASSWORD);
        OverviewPage.shown();
        com.codeborne.selenide.Selenide.open("/replays");
        $("#replays-view").shouldBe(visible);
        $("#replays-grid").shouldHave(text("PAUSED"), text("came back to a DLQ"));
        assertThat($("#replays-grid").getText()).doesNotContain("tok-canary-ui-77");
    }

    private static <T> T asOperator(java.util.concurrent.Callable<T> work) throws Exception {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "olivia", null, List.of(new SimpleGrantedAuthority("ROLE_OPERATOR"))));
        var before = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(context);
        try {
            return work.call();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }
}
