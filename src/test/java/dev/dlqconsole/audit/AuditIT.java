package dev.dlqconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestDatabase;
import dev.dlqconsole.incident.IncidentService;
import dev.dlqconsole.incident.IncidentStep;
import dev.dlqconsole.replay.ReplayRequest;
import dev.dlqconsole.replay.ReplayService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/** The audit trail: chained, verified, tamper-evident, and fed by denied attempts too. */
@TestPropertySource(properties = {"dlq-console.parking.enabled=false"})
class AuditIT extends ConsoleIntegrationTest {

    @Autowired
    AuditLog audit;

    @Autowired
    IncidentService incidents;

    @Autowired
    ReplayService replays;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @WithMockUser(username = "olivia", roles = "OPERATOR")
    void actions_under_an_incident_carry_it_and_its_current_step() {
        var incident = incidents.start("downstream-outage", "inventory down", "orders-dlq", null);
        incidents.completeStep(incident.id(), 1, IncidentStep.State.DONE, "all timeouts");
        audit.record("test.action", "messages 1, 2", "because");

        var events = audit.timeline(incident.id());
        assertThat(events).extracting(AuditEvent::action).containsExactly("incident.start", "step.done", "test.action");
        assertThat(events.get(1).step()).isEqualTo(1);
        assertThat(events.get(1).reason()).isEqualTo("all timeouts");
        assertThat(events.get(2).step())
                .as("step 1 is done: the current step is 2")
                .isEqualTo(2);
        assertThat(events.get(2).actor()).isEqualTo("olivia");
        assertThat(audit.currentIncident().orElseThrow().describe()).startsWith("INC-" + incident.id() + " step 2: ");
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void changing_one_row_behind_the_applications_back_makes_verification_report_that_row() {
        for (int i = 0; i < 5; i++) {
            audit.record("test.action", "message " + i, "reason " + i);
        }
        assertThat(audit.verify().intact()).isTrue();
        var victim = jdbc.queryForObject(
                "SELECT id FROM audit_event WHERE targets = 'message 2' ORDER BY id DESC LIMIT 1", Long.class);

        if (TestDatabase.postgres()) {
            // On PostgreSQL the table itself refuses the change...
            assertThatThrownBy(
                            () -> jdbc.update("UPDATE audit_event SET reason = 'nothing to see' WHERE id = ?", victim))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_event WHERE id = ?", victim))
                    .hasMessageContaining("append-only");
            // ...so a tamperer with the owner's rights switches the trigger off first.
            jdbc.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete");
        } else {
            // H2 refuses it too (AuditTamperIT); its owner drops the trigger.
            jdbc.execute("DROP TRIGGER audit_event_append_only");
        }
        jdbc.update("UPDATE audit_event SET reason = 'nothing to see' WHERE id = ?", victim);

        var result = audit.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenEventId()).isEqualTo(victim);
        assertThat(result.problem()).contains("content does not match");
        assertThat(audit.search(new AuditQuery(null, "audit.verify", null, null, null, null), 0, 1))
                .first()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.FAILED));
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void a_viewers_attempt_to_replay_is_denied_and_audited() {
        var request = new ReplayRequest(List.of(1L, 2L), null, "just trying", null, 10, false, null);

        assertThatThrownBy(() -> replays.create(request)).isInstanceOf(AccessDeniedException.class);

        var denied = jdbc.queryForList(
                "SELECT targets FROM audit_event WHERE actor = 'vera' AND action = 'denied' AND outcome = 'DENIED'"
                        + " AND targets LIKE 'ReplayService.create(%'",
                String.class);
        assertThat(denied).singleElement().asString().startsWith("ReplayService.create(");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM replay_job", Integer.class))
                .isZero();
    }

    @Test
    @WithMockUser(username = "olivia", roles = "OPERATOR")
    void the_markdown_export_keeps_hostile_text_inert() {
        var incident = incidents.start(
                "downstream-outage", "[click](javascript:alert(1)) <script>x</script>", "orders-dlq`) <b>", null);
        incidents.addNote(incident.id(), "fine\r\n# Injected heading\n![img](http://evil.example/x.png)");

        var markdown = incidents.markdown(incident.id());

        assertThat(markdown)
                .contains("\\[click\\]\\(javascript:alert\\(1\\)\\) \\<script\\>")
                .doesNotContain("\n# Injected")
                .doesNotContain("![img]")
                .doesNotContain("<b>")
                .contains("fine \\# Injected heading");
    }

    @Test
    void a_failed_login_with_an_absurdly_long_name_is_still_audited() {
        var name = "x".repeat(500);
        audit.recordSecurityEvent(
                AuditEntry.of("login", null, null).by(name).withOutcome(AuditEvent.Outcome.DENIED, "Bad credentials"));

        assertThat(jdbc.queryForObject(
                        "SELECT actor FROM audit_event WHERE action = 'login' AND actor LIKE 'xxxx%'", String.class))
                .hasSize(100)
                .endsWith("…");
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void a_viewer_can_read_an_incident_but_not_work_on_it() {
        assertThatThrownBy(() -> incidents.start("downstream-outage", "t", null, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> incidents.addNote(1, "n")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> incidents.completeStep(1, 1, IncidentStep.State.DONE, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> incidents.close(1, "s")).isInstanceOf(AccessDeniedException.class);
        assertThat(incidents.recent(10)).isNotNull();
    }
}
