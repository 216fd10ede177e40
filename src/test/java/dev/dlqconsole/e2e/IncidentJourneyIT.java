package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.attribute;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.value;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static org.assertj.core.api.Assertions.assertThat;

import com.codeborne.selenide.Selenide;
import org.junit.jupiter.api.Test;

/**
 * An operator runs the downstream-outage runbook as an incident: step 1 done, a replay from step 2,
 * and the timeline (and its Markdown export) shows the replay under step 2 with the operator's name.
 */
class IncidentJourneyIT extends BrowserJourney {

    @Test
    void replay_in_scope_on_an_incident_without_a_scope_selects_nothing_and_says_what_all_would_be() {
        var queues = dlqWithFailures("noscope", 7, "Read timed out after 3000 ms");
        long parked = jdbc.queryForObject("select count(*) from message_state where status = 'PARKED'", Long.class);
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
                .shouldHave(text(String.format("%,d parked messages", parked)))
                .shouldHave(text(queues.dlqName()));
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
        $("#replay-start").click();
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
