package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static org.assertj.core.api.Assertions.assertThat;

import com.codeborne.selenide.Selenide;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Four eyes: an operator asks for a replay of 120 messages; it waits; the operator cannot approve it;
 * an admin finds it on Replay jobs, approves it with a reason, and it runs to the end.
 */
@TestPropertySource(properties = "dlq-console.replay.approval-required=true")
class FourEyesJourneyIT extends BrowserJourney {

    @Test
    void a_large_replay_waits_for_a_second_person_who_approves_it_and_it_runs() {
        var queues = dlqWithFailures("foureyes", 120, "Read timed out after 3000 ms calling pricing");

        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        Selenide.open("/replay/new?dlq=" + queues.dlqName() + "&status=parked");
        $("#replay-will-send").shouldHave(text("120 of 120 selected messages will be sent"));
        $("#replay-reason textarea").setValue("pricing is back");
        $("#replay-rate input").setValue("500");
        $("#replay-start").scrollIntoView("{block: 'center'}").click();
        $("#replay-job-view").shouldBe(visible);
        $("#job-status").shouldHave(text("Awaiting approval"));
        $("#job-approval").shouldHave(text("120 messages, more than the 100 one person may replay alone"));
        $("#job-awaiting-other").shouldBe(visible);
        $("#job-approve").shouldNot(com.codeborne.selenide.Condition.exist);
        var jobId = jdbc.queryForObject("select max(id) from replay_job", Long.class);
        Browser.screenshot("four-eyes-requester");

        Selenide.closeWebDriver();
        LoginPage.open().logInAs("admin", PASSWORD);
        OverviewPage.shown();
        $("vaadin-side-nav-item[path='replays']").click();
        $("#replays-awaiting").shouldHave(text("job " + jobId + " (operator, 120 messages)"));
        Browser.screenshot("four-eyes-list");
        $("#replays-awaiting a").click();
        $("#job-status").shouldHave(text("Awaiting approval"));
        $("#job-decision-reason input").setValue("checked the preview: only the pricing timeouts");
        $("#job-approve").click();
        $("#job-status").shouldHave(text("Running"), Duration.ofSeconds(10));
        $("#job-approval").shouldHave(text("approved by admin"));
        Browser.screenshot("four-eyes-approved");
        $("#job-status").shouldHave(text("Completed"), Duration.ofSeconds(90));

        assertThat(jdbc.queryForObject(
                        "select count(*) from audit_event where action = 'replay.approve' and actor = 'admin'"
                                + " and targets = ?",
                        Integer.class,
                        "replay job " + jobId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select sent from replay_job where id = ?", Integer.class, jobId))
                .isEqualTo(120);
    }
}
