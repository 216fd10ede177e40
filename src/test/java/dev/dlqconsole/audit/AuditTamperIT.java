package dev.dlqconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * What a tamperer with the database owner's rights can do to the audit trail, and what the console
 * sees of it: the table refuses changes on both databases, and with the trigger gone a rewritten row
 * (its public hash recomputed) or a cut-off tail (the head moved back) still fails verification. Each
 * test breaks the chain for good, so each gets a fresh console and database.
 */
@TestPropertySource(
        properties = {
            "dlq-console.parking.enabled=false",
            "dlq-console.audit.chain-secret=a-test-secret-that-is-long-enough-0123456789",
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@WithMockUser(username = "ada", roles = "ADMIN")
class AuditTamperIT extends ConsoleIntegrationTest {

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void the_audit_table_refuses_updates_and_deletes_on_every_database() {
        audit.record("test.action", "message 1", "reason 1");
        var id = jdbc.queryForObject("SELECT max(id) FROM audit_event", Long.class);

        assertThatThrownBy(() -> jdbc.update("UPDATE audit_event SET reason = 'nothing to see' WHERE id = ?", id))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_event WHERE id = ?", id))
                .hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT reason FROM audit_event WHERE id = ?", String.class, id))
                .isEqualTo("reason 1");
    }

    @Test
    void a_row_rewritten_with_its_unkeyed_hash_and_every_later_link_recomputed_is_detected() {
        for (int i = 0; i < 5; i++) {
            audit.record("test.action", "message " + i, "reason " + i);
        }
        assertThat(audit.verify().intact()).isTrue();
        var victim = jdbc.queryForObject(
                "SELECT id FROM audit_event WHERE targets = 'message 2' ORDER BY id DESC LIMIT 1", Long.class);

        dropTheTrigger();
        // The hash is public arithmetic: recompute it for the changed row and every link after it, and
        // point the head at the new end, as a careful tamperer would.
        var events = events();
        var prev = AuditChain.GENESIS;
        for (var e : events) {
            var reason = e.id() == victim ? "nothing to see" : e.reason();
            var rewritten = new AuditEvent(
                    e.id(),
                    e.at(),
                    e.actor(),
                    e.action(),
                    e.targets(),
                    reason,
                    e.incidentId(),
                    e.step(),
                    e.outcome(),
                    e.detail(),
                    prev,
                    "");
            var hash = AuditChain.hash(rewritten);
            jdbc.update(
                    "UPDATE audit_event SET reason = ?, prev_hash = ?, hash = ? WHERE id = ?",
                    reason,
                    prev,
                    hash,
                    e.id());
            prev = hash;
        }
        jdbc.update("UPDATE audit_head SET last_hash = ? WHERE id = 1", prev);

        var result = audit.verify();
        assertThat(result.intact()).as(result.describe()).isFalse();
        assertThat(result.brokenEventId()).isEqualTo(victim);
    }

    @Test
    void a_tail_cut_off_with_the_head_moved_back_is_detected() {
        for (int i = 0; i < 6; i++) {
            audit.record("test.action", "message " + i, "reason " + i);
        }
        assertThat(audit.verify().intact()).isTrue();
        var events = events();
        var keep = events.get(events.size() - 4);

        dropTheTrigger();
        jdbc.update("DELETE FROM audit_event WHERE id > ?", keep.id());
        jdbc.update("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1", keep.id(), keep.hash());

        assertThat(audit.reachesAnchor())
                .as("the next metrics scrape already sees the cut")
                .isFalse();
        var result = audit.verify();
        assertThat(result.intact()).as(result.describe()).isFalse();
        assertThat(result.problem()).contains("missing");
    }

    @Test
    void a_chain_written_before_the_key_keeps_verifying_and_the_keyed_part_starts_after_it() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event", Long.class))
                .isZero();
        // Events as the console wrote them before it had a secret: SHA-256 links only.
        var prev = AuditChain.GENESIS;
        var at = java.time.Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            var hash = AuditChain.hash(
                    prev, at, "olivia", "legacy.action", "message " + i, null, null, null, AuditEvent.Outcome.OK, null);
            jdbc.update(
                    "INSERT INTO audit_event (at, actor, action, targets, outcome, prev_hash, hash)"
                            + " VALUES (?, 'olivia', 'legacy.action', ?, 'OK', ?, ?)",
                    java.sql.Timestamp.from(at),
                    "message " + i,
                    prev,
                    hash);
            prev = hash;
        }
        var lastLegacy = jdbc.queryForObject("SELECT max(id) FROM audit_event", Long.class);
        jdbc.update("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1", lastLegacy, prev);

        audit.record("test.action", "message 3", "after the upgrade");
        audit.record("test.action", "message 4", "after the upgrade");

        var result = audit.verify();
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.checked()).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT keyed_from FROM audit_head WHERE id = 1", Long.class))
                .isGreaterThan(lastLegacy);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE mac IS NULL", Long.class))
                .isEqualTo(3);
    }

    private List<AuditEvent> events() {
        var events = new java.util.ArrayList<AuditEvent>();
        new AuditTrail(jdbc).eachUpTo(Long.MAX_VALUE, events::add);
        return events;
    }

    /** What the owner of the table can always do. */
    private void dropTheTrigger() {
        if (TestDatabase.postgres()) {
            jdbc.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
        } else {
            jdbc.execute("DROP TRIGGER IF EXISTS audit_event_append_only");
        }
    }
}
