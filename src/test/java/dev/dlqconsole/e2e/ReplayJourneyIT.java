package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.enabled;
import static com.codeborne.selenide.Condition.matchText;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;
import static org.assertj.core.api.Assertions.assertThat;

import com.codeborne.selenide.CollectionCondition;
import com.codeborne.selenide.Selenide;
import com.codeborne.selenide.WebDriverRunner;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An operator replays every message of a DLQ from the Messages view: the dry run, the reason, then the
 * job page, whose progress the server pushes until the job completes and the messages are back.
 */
class ReplayJourneyIT extends BrowserJourney {

    @Test
    void an_operator_replays_a_dlq_and_watches_the_job_complete() {
        var queues = dlqWithFailures("journey", 25, "inventory-service returned 503");

        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        MessagesPage.open("dlq=" + queues.dlqName()).count().shouldHave(text("25 messages"));
        $("#replay-matching").shouldBe(enabled).click();

        $("#replay-will-send").shouldHave(text("25 of 25 selected messages will be sent"));
        $("#replay-preview").shouldHave(text("25 to " + queues.sourceName()));
        $("#replay-reason textarea").setValue("inventory-service recovered at 14:05");
        // Two a second: about thirteen seconds of job, so a loaded machine still shows it running.
        $("#replay-rate input").setValue("2");
        Browser.screenshot("replay-dialog-preview");
        $("#replay-start").scrollIntoView("{block: 'center'}").click();

        $("#replay-job-view").shouldBe(visible);
        $("#job-summary").shouldHave(text("inventory-service recovered at 14:05"), text("operator"));
        $("#job-status").shouldHave(text("Running"));
        // The instance holding the job's lease, by its default name (host:pid).
        $("#job-instance").should(matchText("^console instance \\S+:\\d+$"));
        Browser.screenshot("replay-job-running");
        // No reload: the page follows the job through pushes from the server.
        $("#job-status").shouldHave(text("Completed"), Duration.ofSeconds(90));
        $("#job-summary").shouldHave(text("25 sent"));
        $("#ledger-grid").shouldHave(text("sent"), text(queues.sourceName()));
        Browser.screenshot("replay-job-completed");

        assertThat(jdbc.queryForObject(
                        "select count(*) from message_state where dlq_name = ? and status = 'REPLAYED'",
                        Integer.class,
                        queues.dlqName()))
                .isEqualTo(25);
    }

    @Test
    void an_operator_pauses_resumes_and_cancels_a_job_from_the_jobs_list() {
        var queues = dlqWithFailures("listed", 30, "ledger-service timed out");
        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        MessagesPage.open("dlq=" + queues.dlqName()).count().shouldHave(text("30 messages"));
        $("#replay-matching").shouldBe(enabled).click();
        $("#replay-reason textarea").setValue("slow replay to watch from the list");
        $("#replay-rate input").setValue("1");
        $("#replay-start").scrollIntoView("{block: 'center'}").click();
        $("#replay-job-view").shouldBe(visible);

        Selenide.open("/replays");
        var row = $$("#replays-grid vaadin-grid-cell-content");
        row.findBy(text("Running")).shouldBe(visible);
        // The list refreshes every second; each click must still land, with no pause between them.
        $$("#replays-grid vaadin-button")
                .findBy(text("Pause"))
                .shouldBe(visible)
                .click();
        row.findBy(text("Paused")).shouldBe(visible);
        $$("#replays-grid vaadin-button")
                .findBy(text("Resume"))
                .shouldBe(visible)
                .click();
        row.findBy(text("Running")).shouldBe(visible);
        Browser.screenshot("replay-jobs-list");
        $$("#replays-grid vaadin-button")
                .findBy(text("Cancel"))
                .shouldBe(visible)
                .click();
        row.findBy(text("Cancelled")).shouldBe(visible);
        $$("#replays-grid vaadin-button")
                .filterBy(visible)
                .shouldHave(CollectionCondition.size(0).because("a cancelled job has no actions"));

        assertThat(jdbc.queryForList(
                        "select status from replay_job where reason = 'slow replay to watch from the list'",
                        String.class))
                .containsExactly("CANCELLED");
    }

    @Test
    void an_operator_replays_a_failure_group_from_its_row() {
        dlqWithFailures("grouped", 4, "payment-gateway rejected the card token");
        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();

        Selenide.open("/groups");
        $$("#groups-grid vaadin-grid-cell-content")
                .findBy(text("payment-gateway rejected the card token"))
                .shouldBe(visible);
        Browser.screenshot("groups-replay-buttons");
        $$(".replay-group")
                .shouldHave(CollectionCondition.sizeGreaterThan(0))
                .first()
                .click();

        // The button's click is its own: the row's click (open the group's messages) does not follow.
        $("#new-replay-view").shouldBe(visible);
        $("#replay-will-send").shouldHave(text("will be sent"));
        assertThat(WebDriverRunner.url()).contains("group=").contains("status=parked");
    }
}
