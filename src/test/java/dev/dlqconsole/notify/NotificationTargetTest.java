package dev.dlqconsole.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Targets keep their secrets, rules pick their events, payloads are Slack's shape and signed. */
class NotificationTargetTest {

    private static final String SLACK = "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX";

    @Test
    void a_target_shows_only_its_scheme_and_host_and_scrubs_its_secrets_from_errors() {
        var target = new NotificationTarget("oncall", TargetKind.JSON, SLACK + "?token=abc", "the-key", 30, List.of());
        assertThat(target.maskedUrl()).isEqualTo("https://hooks.slack.com/…");
        assertThat(target.toString())
                .doesNotContain("XXXX")
                .doesNotContain("abc")
                .doesNotContain("the-key");
        assertThat(target.scrub("failed: POST " + SLACK + "?token=abc with the-key"))
                .doesNotContain("XXXX")
                .doesNotContain("the-key")
                .contains("https://hooks.slack.com/…");
        assertThat(target.scrub("GET /services/T000/B000/XXXXsecretXXXX?token=abc refused"))
                .doesNotContain("XXXX");
    }

    @Test
    void a_target_needs_an_http_url_a_name_and_a_rate() {
        assertThatThrownBy(
                        () -> new NotificationTarget("x", TargetKind.SLACK, "file:///etc/passwd", null, 30, List.of()))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> new NotificationTarget(" ", TargetKind.SLACK, SLACK, null, 30, List.of()))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new NotificationTarget("x", TargetKind.SLACK, SLACK, null, 0, List.of()))
                .hasMessageContaining("per-minute");
        assertThatThrownBy(() -> new NotificationRule(Set.of(EventKind.INFLOW_THRESHOLD), null, null, null, null, null))
                .hasMessageContaining("inflow-threshold");
    }

    @Test
    void rules_narrow_dlq_events_by_dlq_and_group_but_not_replay_events() {
        var rule = new NotificationRule(
                Set.of(EventKind.NEW_FAILURE_GROUP, EventKind.JOB_FINISHED),
                List.of("orders-*"),
                List.of("g1"),
                null,
                null,
                null);
        assertThat(rule.matches(EventKind.NEW_FAILURE_GROUP, "orders-dlq", "g1"))
                .isTrue();
        assertThat(rule.matches(EventKind.NEW_FAILURE_GROUP, "payments-dlq", "g1"))
                .isFalse();
        assertThat(rule.matches(EventKind.NEW_FAILURE_GROUP, "orders-dlq", "g2"))
                .isFalse();
        assertThat(rule.matches(EventKind.JOB_FINISHED, null, null)).isTrue();
        assertThat(rule.matches(EventKind.JOB_FAILED, null, null)).isFalse();
        assertThat(new NotificationRule(
                                Set.of(EventKind.OLDEST_AGE), List.of("a.b"), null, null, null, Duration.ofHours(1))
                        .coversDlq("aXb"))
                .as("a dot is a dot, not a regex")
                .isFalse();
    }

    @Test
    void targets_and_rules_bind_from_properties() {
        var properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "dlq-console.notifications.public-base-url", "https://dlq.example.com/",
                        "dlq-console.notifications.targets[0].name", "oncall",
                        "dlq-console.notifications.targets[0].type", "slack",
                        "dlq-console.notifications.targets[0].url", SLACK,
                        "dlq-console.notifications.targets[0].rules[0].events", "new-failure-group,inflow-threshold",
                        "dlq-console.notifications.targets[0].rules[0].dlqs", "orders-*",
                        "dlq-console.notifications.targets[0].rules[0].inflow-threshold", "100",
                        "dlq-console.notifications.targets[0].rules[0].inflow-window", "30m")))
                .bindOrCreate("dlq-console.notifications", NotificationProperties.class);
        assertThat(properties.publicBaseUrl()).isEqualTo("https://dlq.example.com");
        var target = properties.targets().getFirst();
        assertThat(target.type()).isEqualTo(TargetKind.SLACK);
        assertThat(target.perMinute()).isEqualTo(30);
        var rule = target.rules().getFirst();
        assertThat(rule.events()).containsExactlyInAnyOrder(EventKind.NEW_FAILURE_GROUP, EventKind.INFLOW_THRESHOLD);
        assertThat(rule.window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(properties.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(properties.backoff(30)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void a_slack_payload_has_text_blocks_and_a_button_and_escapes_markup() {
        var event = new NotificationEvent(
                1,
                "e-1",
                EventKind.NEW_FAILURE_GROUP,
                "embedded",
                "orders-dlq",
                "g1",
                null,
                "New failure group in orders-dlq",
                "<!channel> <https://evil.example|click> & more",
                "https://dlq.example.com/groups/g1",
                Instant.parse("2026-12-01T20:00:00Z"));
        var body = JsonMapper.builder().build().readTree(Payloads.slack(event));
        assertThat(body.get("text").asString()).startsWith("New failure group in orders-dlq");
        var section = body.get("blocks").get(0).get("text").get("text").asString();
        assertThat(section).contains("&lt;!channel&gt;").contains("&amp; more").doesNotContain("<!channel>");
        assertThat(body.get("blocks").get(2).get("elements").get(0).get("url").asString())
                .isEqualTo("https://dlq.example.com/groups/g1");
    }

    @Test
    void the_signature_is_hmac_sha256_of_the_timestamp_and_the_raw_body() {
        // python3: hmac.new(b'key', b'1796155351.{"event":"test"}', hashlib.sha256).hexdigest()
        assertThat(Payloads.signature("key", "1796155351", "{\"event\":\"test\"}"))
                .isEqualTo("sha256=bcf51927c1288e0231305c9de06888863f2d0f83c8c41951b26aae769dcf6a54");
    }
}
