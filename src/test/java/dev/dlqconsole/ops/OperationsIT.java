package dev.dlqconsole.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.replay.ReplayRequest;
import dev.dlqconsole.replay.ReplayService;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** What a load balancer and Prometheus see, without logging in, and what only an admin sees. */
class OperationsIT extends ConsoleIntegrationTest {

    @Autowired
    dev.dlqconsole.audit.AuditLog audit;

    private static final String CONNECTION = "embedded";
    private static final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    @Autowired
    SqsGateway sqs;

    @Autowired
    ParkingService parking;

    @Autowired
    ReplayService replays;

    @Test
    void health_and_both_probes_answer_up_without_login_and_without_details() throws Exception {
        for (var path : new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness"}) {
            var response = fetch(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            var body = json.readTree(response.body());
            assertThat(body.path("status").asString()).as(path).isEqualTo("UP");
            assertThat(body.has("components")).as(path).isFalse();
        }
    }

    @Test
    void only_an_admin_sees_the_database_and_each_sqs_connection() throws Exception {
        var mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();

        mvc.perform(get("/actuator/health").with(user("ada").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(
                        jsonPath("$.components.sqs.components.embedded.status").value("UP"))
                .andExpect(jsonPath("$.components.sqs.components.embedded.details.tookMs")
                        .isNumber());
        mvc.perform(get("/actuator/health/readiness").with(user("ada").roles("ADMIN")))
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.sqs").doesNotExist());
        mvc.perform(get("/actuator/health").with(user("olivia").roles("OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
    }

    @Test
    @WithMockUser(username = "olivia", roles = "OPERATOR")
    void prometheus_counts_what_the_parker_parked_and_the_replay_sent() throws Exception {
        var queues = TestQueues.create(sqs, "ops", false);
        for (int i = 0; i < 3; i++) {
            sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        var dlq = Map.of("connection", CONNECTION, "dlq", queues.dlqName());

        // The scheduled parker drains the new DLQ; the gauges follow within a refresh.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var scrape = scrape();
            assertThat(scrape.value("dlq_console_parked_messages", with(dlq, "status", "PARKED")))
                    .hasValue(3);
            assertThat(scrape.value("dlq_console_parked_total", dlq)).hasValue(3);
            assertThat(scrape.value("dlq_console_oldest_parked_age_seconds", dlq)
                            .orElse(-1))
                    .isBetween(0.0, 60.0);
            assertThat(scrape.value("dlq_console_dlq_depth", dlq)).hasValue(0);
        });
        var scrape = scrape();
        assertThat(scrape.value("dlq_console_parked_messages", with(dlq, "status", "REPLAYED")))
                .hasValue(0);
        // The chain's state is the newest verification's.
        audit.verifyOnSchedule();
        assertThat(scrape().value("dlq_console_audit_chain_ok", Map.of())).hasValue(1);

        var ids =
                parking.matchingIds(new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null), 100);
        replays.create(new ReplayRequest(ids, null, "metrics test", null, 500, false, null, true, false));

        var target = Map.of("connection", "embedded", "target", queues.sourceName());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var after = scrape();
            assertThat(after.value("dlq_console_replay_sent_total", target)).hasValue(3);
            assertThat(after.value("dlq_console_parked_messages", with(dlq, "status", "REPLAYED")))
                    .hasValue(3);
            assertThat(after.value("dlq_console_parked_messages", with(dlq, "status", "PARKED")))
                    .hasValue(0);
            assertThat(after.value("dlq_console_oldest_parked_age_seconds", dlq))
                    .hasValue(0);
        });
        assertThat(scrape().value("dlq_console_replay_failed_total", target)).isEmpty();
    }

    @Test
    @WithMockUser(username = "olivia", roles = "VIEWER")
    void prometheus_counts_the_hits_and_misses_of_the_caches() throws Exception {
        parking.countsByDlq();
        parking.countsByDlq();

        var scrape = scrape();
        var hit = Map.of("cache", "parked-counts", "result", "hit");
        assertThat(scrape.value("cache_gets_total", hit).orElse(0)).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("cache_gets_total", Map.of("cache", "parked-counts", "result", "miss")))
                .isPresent();
        assertThat(scrape.value("cache_gets_total", Map.of("cache", "trace-summaries", "result", "miss")))
                .isPresent();
        assertThat(scrape.value("cache_size", Map.of("cache", "trace-summaries")))
                .isPresent();
    }

    private PrometheusScrape scrape() throws Exception {
        var response = fetch("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return new PrometheusScrape(response.body());
    }

    private HttpResponse<String> fetch(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        var all = new java.util.HashMap<>(labels);
        all.put(name, value);
        return all;
    }
}
