package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.audit.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The audit trail through the API: the Audit view's filters, offset pages, chain hashes. */
class ApiAuditIT extends ApiIntegrationTest {

    @Autowired
    AuditLog audit;

    @Test
    void operators_list_events_newest_first_filtered_and_paged() {
        var marker = "api-audit-" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            audit.record("test.api", marker + " #" + i, "reason " + i);
        }

        var first = body(send(as("operator", "/api/audit-events?action=test.api&limit=2&target=" + marker)), 200);
        assertThat(targets(first)).containsExactly(marker + " #4", marker + " #3");
        assertThat(first.path("nextOffset").asInt()).isEqualTo(2);
        var second = body(
                send(bearer(OPERATOR_TOKEN, "/api/audit-events?action=test.api&limit=2&offset=2&target=" + marker)),
                200);
        assertThat(targets(second)).containsExactly(marker + " #2", marker + " #1");
        var last = body(send(as("admin", "/api/audit-events?action=test.api&limit=2&offset=4&target=" + marker)), 200);
        assertThat(targets(last)).containsExactly(marker + " #0");
        assertThat(last.path("nextOffset").isNull()).isTrue();

        var event = first.path("events").get(0);
        assertThat(event.path("actor").asString()).isEqualTo("test-setup");
        assertThat(event.path("reason").asString()).isEqualTo("reason 4");
        assertThat(event.path("outcome").asString()).isEqualTo("ok");
        assertThat(event.path("hash").asString()).hasSize(64);
        assertThat(event.path("prevHash").asString())
                .isEqualTo(first.path("events").get(1).path("hash").asString());
        assertThat(Instant.parse(event.path("at").asString())).isBeforeOrEqualTo(Instant.now());

        var byActor = body(send(as("operator", "/api/audit-events?actor=test-setup&target=" + marker)), 200);
        assertThat(byActor.path("events")).hasSize(5);
        var future = Instant.now().plusSeconds(60);
        assertThat(body(send(as("operator", "/api/audit-events?from=" + future)), 200)
                        .path("events"))
                .isEmpty();
    }

    @Test
    void a_service_accounts_denied_and_failed_attempts_are_found_by_its_name() {
        send(bearer(VIEWER_TOKEN, "/api/audit-events"));

        var denied = body(send(bearer(ADMIN_TOKEN, "/api/audit-events?action=denied&actor=dashboard")), 200);

        assertThat(denied.path("events")).anySatisfy(e -> {
            assertThat(e.path("outcome").asString()).isEqualTo("denied");
            assertThat(e.path("targets").asString()).isEqualTo("GET /api/audit-events");
        });
    }

    @Test
    void bad_audit_parameters_are_400_naming_the_parameter() {
        badRequest(send(as("operator", "/api/audit-events?from=last-week")), "from");
        badRequest(send(as("operator", "/api/audit-events?from=2025-06-02T00:00:00Z&to=2025-06-01T00:00:00Z")), "from");
        badRequest(send(as("operator", "/api/audit-events?incident=INC-4")), "incident");
        badRequest(send(as("operator", "/api/audit-events?offset=-1")), "offset");
        badRequest(send(as("operator", "/api/audit-events?limit=1000")), "limit");
        badRequest(send(as("operator", "/api/audit-events?user=ada")), "user");
    }

    private static List<String> targets(JsonNode page) {
        var targets = new ArrayList<String>();
        page.path("events").forEach(e -> targets.add(e.path("targets").asString()));
        return targets;
    }
}
