package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.value;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;
import static org.assertj.core.api.Assertions.assertThat;

import com.codeborne.selenide.Selenide;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An operator works a failure group: takes it, links the ticket, marks it ignored; the list hides it
 * from the open groups; a new message of the same failure reopens it, owner kept.
 */
class FailureGroupJourneyIT extends BrowserJourney {

    @Test
    void take_a_group_mark_it_ignored_and_see_it_reopen_when_the_failure_comes_back() {
        // Letters only: digits and ids are templated out of a reason, and this group must be this test's.
        var word = new StringBuilder();
        UUID.randomUUID()
                .toString()
                .chars()
                .filter(Character::isDigit)
                .limit(8)
                .forEach(c -> word.append((char) ('a' + c - '0')));
        var reason = "Fraud scorer " + word + " refused the connection";
        var queues = dlqWithFailures("work", 4, reason);

        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        $("vaadin-side-nav-item[path='groups']").click();
        clickInGroupRow(reason, ".group-work-link");
        $("#group-view").shouldBe(visible).shouldHave(text("Fraud scorer"));
        $("#group-work").shouldHave(text("Nobody has worked this group yet."));

        $("#group-take").scrollIntoView("{block: 'center'}").click();
        $("#group-owner input").shouldHave(value("operator"));
        $("#group-status").shouldHave(text("Investigating"));
        $("#group-work").shouldHave(text("Last set by operator"));

        $("#group-ticket input").setValue("https://tracker.example.com/browse/OPS-42");
        $("#group-notes textarea").setValue("Known: the scorer rejects <b>test</b> cards; nothing to replay");
        $("#group-status").scrollIntoView("{block: 'center'}").click();
        $$("vaadin-select-item").findBy(text("Ignored")).click();
        $("#group-save").scrollIntoView("{block: 'center'}").click();
        $("#group-history").shouldHave(text("status Investigating → Ignored"));
        Browser.screenshot("failure-group-page");
        var fingerprint = jdbc.queryForObject(
                "select distinct fingerprint from parked_message where dlq_name = ?", String.class, queues.dlqName());
        assertThat(jdbc.queryForObject(
                        "select status || ' ' || owner || ' ' || ticket_url from failure_group_work where fingerprint = ?",
                        String.class,
                        fingerprint))
                .isEqualTo("IGNORED operator https://tracker.example.com/browse/OPS-42");

        // Open groups leave it out; "Any" shows it ignored.
        $("vaadin-side-nav-item[path='groups']").click();
        $("#groups-summary").shouldHave(text("more not shown by the filters"));
        $$("#groups-grid vaadin-grid-cell-content").findBy(text(reason)).shouldNot(exist);
        $("#groups-work").click();
        $$("vaadin-select-item").findBy(text("Any")).click();
        $$("#groups-grid vaadin-grid-cell-content").findBy(text(reason)).shouldBe(visible);
        assertThat(workCell(reason)).contains("Ignored").contains("operator");

        // The failure comes back: the group reopens as new, still owned.
        sqs.send(
                "embedded",
                queues.dlqUrl(),
                OutgoingMessage.of("{\"order\":99}", Map.of("error-message", MessageAttribute.string(reason))));
        awaitParked(queues.dlqName(), 5);
        Selenide.refresh();
        $$("#groups-grid vaadin-grid-cell-content").findBy(text(reason)).shouldBe(visible);
        assertThat(workCell(reason)).contains("New").contains("operator");
        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'group.reopen' and targets = ?",
                        Integer.class,
                        "failure group " + fingerprint))
                .isEqualTo(1);
    }

    @Test
    void an_incident_about_a_group_sets_its_owner_and_status_and_the_change_is_recorded_under_its_step() {
        var reason = "Ledger writer " + letters() + " rejected the batch";
        var queues = dlqWithFailures("incgroup", 3, reason);
        var fingerprint = jdbc.queryForObject(
                "select distinct fingerprint from parked_message where dlq_name = ?", String.class, queues.dlqName());

        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        Selenide.open(
                "/incidents/new?runbook=downstream-outage&dlq=" + queues.dlqName() + "&fingerprint=" + fingerprint);
        $("#incident-title input").setValue("Ledger writer rejects batches");
        $("#incident-start").click();
        $("#incident-view").shouldBe(visible);
        $("#incident-group-link").shouldHave(text("Ledger writer"));
        $("#group-take").scrollIntoView("{block: 'center'}").click();
        $("#group-work").shouldHave(text("Last set by operator"));

        var incidentId = jdbc.queryForObject("select max(id) from incident", Long.class);
        assertThat(jdbc.queryForObject(
                        "select incident_id from audit_event where action = 'group.update' and targets = ?",
                        Long.class,
                        "failure group " + fingerprint))
                .isEqualTo(incidentId);
        assertThat(jdbc.queryForObject(
                        "select status || ' ' || owner from failure_group_work where fingerprint = ?",
                        String.class,
                        fingerprint))
                .isEqualTo("INVESTIGATING operator");
    }

    private static String letters() {
        var word = new StringBuilder();
        UUID.randomUUID()
                .toString()
                .chars()
                .filter(Character::isDigit)
                .limit(8)
                .forEach(c -> word.append((char) ('a' + c - '0')));
        return word.toString();
    }

    /** Clicks the element matching {@code selector} in the row of the group whose failure reads so. */
    private static void clickInGroupRow(String failure, String selector) {
        $$("#groups-grid vaadin-grid-cell-content").findBy(text(failure)).shouldBe(visible);
        Selenide.executeJavaScript(ROW_SCRIPT + " target.click();", failure, selector);
    }

    /** The text of the group's Work cell. */
    private static String workCell(String failure) {
        return Selenide.executeJavaScript(ROW_SCRIPT + " return target.textContent;", failure, ".group-work-link");
    }

    // A grid row's cells are slotted into one <tr> of its shadow DOM: from the failure cell's slot to its
    // row, and from the row's other slots to the element in the same row.
    private static final String ROW_SCRIPT = "const grid = document.querySelector('#groups-grid');"
            + " const cells = [...grid.querySelectorAll('vaadin-grid-cell-content')];"
            + " const cell = cells.find(c => c.textContent.includes(arguments[0]));"
            + " const tr = grid.shadowRoot.querySelector(`slot[name='${cell.slot}']`).closest('tr');"
            + " const target = [...tr.querySelectorAll('slot')]"
            + ".map(s => cells.find(c => c.slot === s.name))"
            + ".map(c => c && c.querySelector(arguments[1])).find(b => b);";
}
