package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.SqsGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API over real HTTP, against the whole console: three service accounts (their tokens below,
 * only the SHA-256 in the configuration), the demo users with basic auth, and helpers to park
 * messages (as an operator in the test's own thread) and to read audit rows.
 */
@TestPropertySource(
        properties = {
            "dlq-console.parking.enabled=false",
            "dlq-console.replay.poll=200ms",
            "dlq-console.security.api-tokens[0].name=deploy-bot",
            "dlq-console.security.api-tokens[0].token-sha256=c29dbe920e8bebdf183de4e799057f6877382212af90dee305c748c56630c545",
            "dlq-console.security.api-tokens[0].roles=OPERATOR",
            "dlq-console.security.api-tokens[1].name=dashboard",
            "dlq-console.security.api-tokens[1].token-sha256=162d217d48c63f5d4328cbe5d50b5e7496c0e0f140a3b401e5470f05e7901821",
            "dlq-console.security.api-tokens[2].name=release-admin",
            "dlq-console.security.api-tokens[2].token-sha256=483B7DE9AE4AD4B2667D8F3FFF85CB773688570626D259D7608FFB4881170A38",
            "dlq-console.security.api-tokens[2].roles=admin",
        })
@WithMockUser(username = "test-setup", roles = "OPERATOR")
abstract class ApiIntegrationTest extends ConsoleIntegrationTest {

    static final String CONNECTION = "embedded";
    static final String OPERATOR_TOKEN = "ci-operator-token-7f3a";
    static final String VIEWER_TOKEN = "ci-viewer-token-91c2";
    static final String ADMIN_TOKEN = "ci-admin-token-55d0";
    static final JsonMapper json = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    int port;

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    ParkingService parking;

    @Autowired
    JdbcTemplate jdbc;

    /** A request with no credentials. */
    HttpRequest.Builder anonymous(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
    }

    HttpRequest.Builder basic(String user, String password, String path) {
        var credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return anonymous(path).header("Authorization", "Basic " + credentials);
    }

    /** As one of the demo users (viewer, operator, admin). */
    HttpRequest.Builder as(String demoUser, String path) {
        return basic(demoUser, PASSWORD, path);
    }

    HttpRequest.Builder bearer(String token, String path) {
        return anonymous(path).header("Authorization", "Bearer " + token);
    }

    static HttpRequest.Builder postJson(HttpRequest.Builder request, String body) {
        return request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** A POST without a body, as documented: still with the JSON content type (see ApiCrossSiteIT). */
    static HttpRequest.Builder post(HttpRequest.Builder request) {
        return request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody());
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The response's JSON after checking its status; problem JSON for errors. */
    static JsonNode body(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        var type = response.headers().firstValue("Content-Type").orElse("");
        assertThat(type).as("content type").startsWith(status >= 400 ? "application/problem+json" : "application/json");
        return json.readTree(response.body());
    }

    /** A 400 problem that names {@code field} in its detail and its {@code field} member. */
    static JsonNode badRequest(HttpResponse<String> response, String field) {
        var problem = body(response, 400);
        assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.path("detail").asString()).contains("'" + field + "'");
        assertThat(problem.path("field").asString()).isEqualTo(field);
        return problem;
    }

    TestQueues queues(String prefix) {
        return TestQueues.create(sqs, prefix, false);
    }

    /** Drains the DLQ into the parking lot and returns the parked ids, newest first. */
    List<Long> park(TestQueues queues) {
        discovery.refresh(CONNECTION);
        parking.parkNow(CONNECTION, queues.dlqName());
        return parking.matchingIds(
                new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null), 1_000);
    }

    /** Audit rows as (actor, action, outcome, targets) strings, for one action. */
    List<String> audited(String action) {
        return jdbc.queryForList(
                "SELECT actor || ' ' || outcome || ' ' || COALESCE(targets, '') FROM audit_event WHERE action = ?"
                        + " ORDER BY id",
                String.class,
                action);
    }
}
