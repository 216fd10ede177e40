package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.audit.AuditLog;
import dev.dlqconsole.audit.AuditQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Failure groups people work: owner, status, ticket, notes, audited, and reopened by new messages. */
@TestPropertySource(properties = "dlq-console.parking.enabled=false")
@WithMockUser(username = "olivia", roles = "OPERATOR")
class FailureGroupWorkIT extends ConsoleIntegrationTest {

    @Autowired
    ParkingLot lot;

    @Autowired
    ParkingService parking;

    @Autowired
    FailureGroupService groups;

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate transaction;

    private String dlq;
    private String reason;
    private String fingerprint;
    private int parked;

    @BeforeEach
    void park() {
        dlq = "q-" + UUID.randomUUID().toString().substring(0, 8);
        // A reason of its own per test: groups are global, and other tests park timeouts too.
        // Letters only: a reason's digits and ids are templated away, and the group must be this test's alone.
        var provider = new StringBuilder();
        UUID.randomUUID()
                .toString()
                .chars()
                .filter(Character::isDigit)
                .limit(8)
                .forEach(c -> provider.append((char) ('a' + c - '0')));
        reason = "Payment provider " + provider + " refused the card";
        fingerprint = FailureFingerprint.of(reason);
        parkMore(5);
    }

    @Test
    void an_operator_takes_a_group_and_the_list_and_the_audit_say_so() {
        var seen = groups.work(fingerprint);
        assertThat(seen.status()).isEqualTo(GroupStatus.NEW);

        groups.update(
                seen,
                new GroupWork.Change(
                        GroupStatus.INVESTIGATING,
                        "olivia",
                        "https://tracker.example.com/browse/OPS-7",
                        "Card network down"));

        var listed = listed();
        assertThat(listed.work().status()).isEqualTo(GroupStatus.INVESTIGATING);
        assertThat(listed.work().owner()).isEqualTo("olivia");
        assertThat(listed.work().ticketUrl()).isEqualTo("https://tracker.example.com/browse/OPS-7");
        assertThat(listed.work().notes()).isEqualTo("Card network down");
        assertThat(listed.work().changedBy()).isEqualTo("olivia");
        var events = audit.search(new AuditQuery(null, "group.update", null, null, null, null), 0, 50).stream()
                .filter(e -> ("failure group " + fingerprint).equals(e.targets()))
                .toList();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("olivia");
            assertThat(e.detail()).contains("status New → Investigating").contains("owner none → olivia");
        });
    }

    @Test
    void a_save_over_someone_elses_change_is_refused_and_keeps_theirs() {
        var seen = groups.work(fingerprint);
        groups.update(seen, new GroupWork.Change(GroupStatus.INVESTIGATING, "olivia", null, null));

        assertThatThrownBy(() -> groups.update(seen, new GroupWork.Change(GroupStatus.IGNORED, "pat", null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Someone else changed this failure group (olivia)");
        assertThat(groups.work(fingerprint).owner()).isEqualTo("olivia");
    }

    @Test
    void a_ticket_must_be_a_web_link_and_never_script() {
        var seen = groups.work(fingerprint);
        assertThatThrownBy(() ->
                        groups.update(seen, new GroupWork.Change(GroupStatus.NEW, null, "javascript:alert(1)", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http:// or https://");
        assertThat(groups.work(fingerprint).version()).isNegative();
    }

    @Test
    void new_messages_reopen_an_ignored_group_once_and_say_why() {
        groups.update(groups.work(fingerprint), new GroupWork.Change(GroupStatus.IGNORED, "olivia", null, null));
        assertThat(groups.reopenJoined()).as("nothing new joined yet").isZero();
        assertThat(listed().work().status()).isEqualTo(GroupStatus.IGNORED);

        parkMore(2);

        assertThat(groups.reopenJoined()).isEqualTo(1);
        assertThat(groups.reopenJoined()).as("reopened once").isZero();
        var reopened = listed().work();
        assertThat(reopened.status()).isEqualTo(GroupStatus.NEW);
        assertThat(reopened.owner()).as("the owner stays").isEqualTo("olivia");
        assertThat(reopened.reopenedAt()).isNotNull();
        var events = audit.search(new AuditQuery(null, "group.reopen", null, null, null, null), 0, 50).stream()
                .filter(e -> ("failure group " + fingerprint).equals(e.targets()))
                .toList();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(AuditLog.SYSTEM);
            assertThat(e.reason()).startsWith("2 new messages since it was marked ignored");
        });
    }

    @Test
    void a_replayed_group_reopens_when_its_messages_come_back() {
        groups.update(groups.work(fingerprint), new GroupWork.Change(GroupStatus.REPLAYED, null, null, null));
        parkMore(1);
        assertThat(groups.reopenJoined()).isEqualTo(1);
        assertThat(listed().work().status()).isEqualTo(GroupStatus.NEW);
    }

    @Test
    @WithMockUser(username = "vic", roles = "VIEWER")
    void a_viewer_reads_but_cannot_change_a_group() {
        var seen = groups.work(fingerprint);
        assertThatThrownBy(() -> groups.update(seen, new GroupWork.Change(GroupStatus.IGNORED, "vic", null, null)))
                .isInstanceOf(AccessDeniedException.class);
    }

    private FailureGroup listed() {
        return parking.groups(null).stream()
                .filter(g -> g.fingerprint().equals(fingerprint))
                .findFirst()
                .orElseThrow();
    }

    private void parkMore(int n) {
        var drafts = new ArrayList<ParkedMessageDraft>();
        for (int i = 0; i < n; i++) {
            var body = ("{\"orderId\":\"ord-" + dlq + "-" + parked + "\"}").getBytes();
            var at = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(parked);
            drafts.add(new ParkedMessageDraft(
                    "embedded",
                    dlq,
                    dlq + "-m" + parked,
                    "payments",
                    at,
                    at,
                    3,
                    reason,
                    null,
                    fingerprint,
                    null,
                    null,
                    null,
                    null,
                    FailureFingerprint.sha256(body),
                    body,
                    new String(body),
                    new String(body).toLowerCase(),
                    "{}",
                    "{}",
                    null,
                    null,
                    null,
                    null,
                    0,
                    "{}",
                    "test"));
            parked++;
        }
        transaction.executeWithoutResult(status -> lot.insert(drafts));
    }
}
