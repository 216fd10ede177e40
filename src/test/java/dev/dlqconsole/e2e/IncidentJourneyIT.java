package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.attribute;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.value;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;
import static org.assertj.core.api.Assertions.assertThat;

import com.codeborne.selenide.Selenide;
import org.junit.jupiter.api.Test;

/**
 * An operator runs the downstream-outage runbook as an incident: step 1 done, a replay from step 2,
 * and the timeline (and its Markdown export) shows the replay under step 2 with the operator's name.
 */
class IncidentJourneyIT extends BrowserJourney {

    @Test
    void from_a_failure_group_to_a_canaried_replay_of_exactly_that_group_under_its_runbook_step() {
        // One DLQ, two failures: the timeouts are the outage, the parse errors are not and stay parked.
        var queues = dlqWithFailures("onegroup", 9, "Read timed out after 3000 ms calling ledger-keeper");
        for (int i = 0; i < 4; i++) {
            sqs.send(
                    "embedded",
                    queues.dlqUrl(),
                    dev.dlqconsole.sqs.OutgoingMessage.of(
                            "{\"order\":\"bad-" + i + "\"}",
                            java.util.Map.of(
                                    "error-message",
                                    dev.dlqconsole.sqs.MessageAttribute.string(
                                            "Unexpected character at line 1 column 7"))));
        }
        awaitParked(queues.dlqName(), 13);
        var timeouts = jdbc.queryForList(
                "select id from parked_message where dlq_name = ? and failure_reason like 'Read timed out%'",
                Long.class, queues.dlqName());
        assertThat(timeouts).hasSize(9);

        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        int clicks = 0;
        $("vaadin-side-nav-item[path='groups']").click();
        clicks++;
        var row = $$("#groups-grid vaadin-grid-cell-content").findBy(text("calling ledger-keeper"));
        row.shouldBe(visible);
        // The group's own "Start incident": the form arrives with runbook, DLQ and group filled in.
        startIncidentFromGroupRow("calling ledger-keeper");
        clicks++;
        $("#new-incident-view").shouldBe(visible);
        $("#incident-runbook input").shouldHave(value("A dependency was down"));
        $("#incident-dlq input").shouldHave(value(queues.dlqName()));
        $("#incident-fingerprint input").shouldHave(value("calling ledger-keeper"));
        Browser.screenshot("incident-from-group");
        $("#incident-start").click();
        clicks++;
        $("#incident-view").shouldBe(visible);
        $("#step-1-replay").scrollIntoView("{block: 'center'}").click();
        clicks++;
        $("#replay-will-send").shouldHave(text("9 of 9 selected messages will be sent"));
        $("#replay-reason textarea").setValue("inventory-service is back");
        $("#replay-start").scrollIntoView("{block: 'center'}").click();
        clicks++;
        $("#replay-job-view").shouldBe(visible);
        assertThat(clicks).isLessThanOrEqualTo(6);

        var jobId = jdbc.queryForObject("select max(id) from replay_job", Long.class);
        assertThat(jdbc.queryForList("select parked_message_id from replay_ledger where job_id = ?", Long.class, jobId))
                .containsExactlyInAnyOrderElementsOf(timeouts);
        assertThat(jdbc.queryForObject("select canary_size from replay_job where id = ?", Integer.class, jobId))
                .isGreaterThan(0);
        assertThat(jdbc.queryForObject(
                        "select step from audit_event where action = 'replay.create' and targets like ?",
                        Integer.class,
                        "replay job " + jobId + ":%"))
                .isEqualTo(1);
    }

    @Test
    void a_replay_of_a_whole_dlq_leaves_out_the_group_whose_runbook_says_never_to_replay_it() {
        var queues = dlqWithFailures("never", 5, "Read timed out after 3000 ms calling tax-service");
        for (int i = 0; i < 3; i++) {
            sqs.send(
                    "embedded",
                    queues.dlqUrl(),
                    dev.dlqconsole.sqs.OutgoingMessage.of(
                            "<html>not an order " + i,
                            java.util.Map.of(
                                    "error-message",
                                    dev.dlqconsole.sqs.MessageAttribute.string(
                                            "JsonParseException: Unexpected character '<' at line 1 column 1"))));
        }
        awaitParked(queues.dlqName(), 8);
        var timeouts = jdbc.queryForList(
                "select id from parked_message where dlq_name = ? and failure_reason like 'Read timed out%'",
                Long.class, queues.dlqName());

        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        Selenide.open("/replay/new?dlq=" + queues.dlqName() + "&status=parked");
        // The breakdown names both groups; the parse errors are marked and left out by default.
        $("#replay-groups").shouldHave(text("calling tax-service")).shouldHave(text("Do not replay"));
        $("#replay-groups").shouldHave(text("malformed-payload")).shouldHave(text("downstream-outage"));
        $("#replay-leave-out").shouldBe(visible).shouldHave(text("Leave out the 3 messages"));
        $("#replay-will-send").shouldHave(text("5 of 8 selected messages will be sent"));
        Browser.screenshot("replay-preview-by-group");
        $("#replay-reason textarea").setValue("tax-service is back; the broken bodies stay parked");
        $("#replay-start").scrollIntoView("{block: 'center'}").click();
        $("#replay-job-view").shouldBe(visible);

        var jobId = jdbc.queryForObject("select max(id) from replay_job", Long.class);
        assertThat(jdbc.queryForList(
                        "select parked_message_id from replay_ledger where job_id = ? and status <> 'SKIPPED'",
                        Long.class,
                        jobId))
                .containsExactlyInAnyOrderElementsOf(timeouts);
    }

    /** Clicks "Start incident" in the row of the group whose failure reads so. */
    private static void startIncidentFromGroupRow(String failure) {
        $$("#groups-grid vaadin-grid-cell-content").findBy(text(failure)).shouldBe(visible);
        // A grid row's cells are slotted into one <tr> of its shadow DOM: from the DLQ cell's slot to its
        // row, and from the row's other slots to the button in the same row.
        Selenide.executeJavaScript(
                "const grid = document.querySelector('#groups-grid');"
                        + " const cells = [...grid.querySelectorAll('vaadin-grid-cell-content')];"
                        + " const cell = cells.find(c => c.textContent.includes(arguments[0]));"
                        + " const tr = grid.shadowRoot.querySelector(`slot[name='${cell.slot}']`).closest('tr');"
                        + " const button = [...tr.querySelectorAll('slot')]"
                        + ".map(s => cells.find(c => c.slot === s.name))"
                        + ".map(c => c && c.querySelector('.start-group-incident')).find(b => b);"
                        + " button.click();",
                failure);
    }

    @Test
    void replay_in_scope_on_an_incident_without_a_scope_selects_nothing_and_says_what_all_would_be() {
        var queues = dlqWithFailures("noscope", 7, "Read timed out after 3000 ms");
        long jobsBefore = jdbc.queryForObject("select count(*) from replay_job", Long.class);

        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        Selenide.open("/runbooks/downstream-outage");
        $("#start-incident").click();
        $("#incident-title input").setValue("Something is off, scope not known yet");
        $("#incident-start").click();
        $("#incident-view").shouldBe(visible);

        $("#step-1-replay").scrollIntoView("{block: 'center'}").click();
        // Nothing is selected: the console asks, naming what "everything" would be.
        $("#no-scope-dialog")
                .shouldBe(visible)
                .shouldHave(text("This incident has no scope"))
                .shouldHave(com.codeborne.selenide.Condition.matchText("[\\d,]+ parked messages in \\d+ DLQs?"))
                .shouldHave(text(queues.dlqName() + " (embedded): 7"));
        Browser.screenshot("incident-no-scope");
        $("#new-replay-view").shouldNot(com.codeborne.selenide.Condition.exist);
        $("#no-scope-cancel").click();
        $("#no-scope-dialog").shouldNot(com.codeborne.selenide.Condition.exist);
        $("#incident-view").shouldBe(visible);

        // Choosing the messages goes to the Messages view, still under this incident.
        $("#step-1-replay").scrollIntoView("{block: 'center'}").click();
        $("#no-scope-choose").click();
        $("#messages-view").shouldBe(visible);
        assertThat(jdbc.queryForObject("select count(*) from replay_job", Long.class))
                .isEqualTo(jobsBefore);
    }

    @Test
    void an_incident_records_the_replay_under_the_step_it_served() {
        var queues = dlqWithFailures("incident", 12, "Read timed out after 3000 ms");
        long auditedBefore = jdbc.queryForObject("select coalesce(max(id), 0) from audit_event", Long.class);

        LoginPage.open().logInAs("operator", "not-the-password");
        LoginPage.open().form().shouldBe(visible);
        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();

        Selenide.open("/runbooks/downstream-outage");
        $("#start-incident").click();
        $("#new-incident-view").shouldBe(visible);
        $("#incident-title input").setValue("Orders stuck after the inventory outage");
        $("#incident-dlq input").setValue(queues.dlqName()).pressEnter();
        $("#incident-start").click();
        $("#incident-view").shouldBe(visible);
        $("#incident-working").shouldHave(text("You are working on this incident"));
        $("#incident-step-1").shouldHave(text("Current step"));

        $("#step-1-note input").setValue("every group is a timeout to inventory-service");
        $("#step-1-done").scrollIntoView("{block: 'center'}").click();
        $("#incident-step-1").shouldHave(text("Done by operator"));
        $("#incident-step-2").shouldHave(text("Current step"));
        Browser.screenshot("incident-mid-flight");

        $("#step-2-replay").scrollIntoView("{block: 'center'}").click();
        $("#replay-will-send").shouldHave(text("12 of 12 selected messages will be sent"));
        $("#replay-step input").shouldHave(value("step 2: Confirm the dependency has recovered"));
        $("#replay-reason textarea").setValue("inventory-service is healthy again");
        $("#replay-start").scrollIntoView("{block: 'center'}").click();
        $("#replay-job-view").shouldBe(visible);
        var jobId = jdbc.queryForObject("select max(id) from replay_job", Long.class);

        var incidentId = jdbc.queryForObject("select max(id) from incident", Long.class);
        Selenide.open("/incidents/" + incidentId);
        $("#incident-view").shouldBe(visible);
        $("#timeline-step-2")
                .shouldHave(text("Step 2. Confirm the dependency has recovered"))
                .shouldHave(text("operator"), text("started a replay"), text("replay job " + jobId));
        $("#timeline-step-1").shouldHave(text("marked the step done"), text("every group is a timeout"));
        $("#incident-timeline").scrollIntoView("{block: 'start'}");
        Browser.screenshot("incident-timeline");

        $("#incident-export").scrollIntoView("{block: 'center'}").click();
        $("#incident-markdown textarea")
                .shouldHave(value("### Step 2. Confirm the dependency has recovered"))
                .shouldHave(value("**operator** replay.create: [replay job " + jobId + "](/replays/" + jobId + ")"));
        $("#incident-download").shouldHave(attribute("href"));
        Browser.screenshot("incident-markdown");

        Selenide.open("/audit");
        $("#audit-grid").shouldHave(text("replay.create"), text("step.done"), text("login"));
        Browser.screenshot("audit-view");

        assertThat(jdbc.queryForList(
                        "select outcome from audit_event where actor = 'operator' and action = 'login' and id > ?"
                                + " order by id",
                        String.class,
                        auditedBefore))
                .containsExactly("DENIED", "OK");
        assertThat(jdbc.queryForObject(
                        "select step from audit_event where action = 'replay.create' and targets like ?",
                        Integer.class,
                        "replay job " + jobId + ":%"))
                .isEqualTo(2);
    }
}
