package dev.dlqconsole.e2e;

import static com.codeborne.selenide.CollectionCondition.itemWithText;
import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.matchText;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;

import com.codeborne.selenide.Selenide;
import dev.dlqconsole.parking.Inflow;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The pictures: the Overview shows each DLQ's oldest waiting message and the day's inflow, and an
 * incident's page charts its scope's inflow with a line where its replay job started. Screenshots at
 * two screen sizes go to target/screens for a person to look at.
 */
// The demo's DLQs fill the chart; a context of its own (another producer interval than the Overview
// journey's), whose DLQ count this test's extra DLQ would change.
@TestPropertySource(properties = {"dlq-console.demo.enabled=true", "dlq-console.demo.producer-interval=250ms"})
class InflowJourneyIT extends BrowserJourney {

    @Test
    void the_overview_and_an_incident_chart_the_inflow_with_the_replay_job_marked() {
        var queues = dlqWithFailures("charts", 7, "Read timed out after 3000 ms calling stock-keeper");
        anEarlierOutage(queues.dlqName());

        LoginPage.open().logInAs("operator", PASSWORD);
        var overview = OverviewPage.shown();
        $("#overview-inflow svg").shouldBe(visible);
        $("#overview-inflow svg .chart-title").shouldHave(text("Parked per 5 minutes, last 24 hours"));
        $("#top-groups .right-now-line").shouldBe(visible);
        $$("#dlq-grid vaadin-grid-cell-content").shouldHave(itemWithText(queues.dlqName()));
        $$("#dlq-grid vaadin-grid-cell-content")
                .findBy(matchText("^(just now|\\d+ min ago)$"))
                .shouldBe(visible);
        $("#dlq-grid .inflow-sparkline svg").should(exist);
        Browser.screen("overview", "1440x900");
        Browser.screen("overview", "1280x720");

        // Failure groups: each group's day as a sparkline; the group's page charts it per DLQ.
        $("vaadin-side-nav-item[path='groups']").click();
        $$("#groups-grid vaadin-grid-cell-content")
                .findBy(text("calling stock-keeper"))
                .shouldBe(visible);
        $("#groups-grid .inflow-sparkline svg").should(exist);
        Browser.screen("failure-groups", "1440x900");
        Browser.screen("failure-groups", "1280x720");
        var group = jdbc.queryForObject(
                "SELECT max(fingerprint) FROM parked_message WHERE dlq_name = ?", String.class, queues.dlqName());
        Selenide.open("/groups/" + group);
        $("#group-inflow svg .chart-title").shouldHave(text("Parked per 5 minutes, last 24 hours"));
        Browser.screen("failure-group", "1440x900");
        Browser.screen("failure-group", "1280x720");

        Selenide.open("/incidents/new?runbook=downstream-outage&dlq=" + queues.dlqName());
        $("#new-incident-view").shouldBe(visible);
        $("#incident-start").scrollIntoView("{block: 'center'}").click();
        $("#incident-view").shouldBe(visible);
        $("#incident-inflow svg").shouldBe(visible);
        $("#incident-inflow svg .chart-title").shouldHave(text(queues.dlqName()));
        $("#step-1-replay").scrollIntoView("{block: 'center'}").click();
        $("#replay-will-send").shouldHave(text("7 of 7 selected messages will be sent"));
        $("#replay-reason textarea").setValue("stock-keeper is back");
        $("#replay-start").scrollIntoView("{block: 'center'}").click();
        $("#replay-job-view").shouldBe(visible);
        var jobId = jdbc.queryForObject("select max(id) from replay_job", Long.class);
        var incidentId = jdbc.queryForObject("select max(id) from incident", Long.class);

        Selenide.open("/incidents/" + incidentId);
        $("#incident-inflow svg .chart-marker-label").shouldHave(text("job " + jobId));
        Browser.screen("incident", "1440x900");
        Browser.screen("incident", "1280x720");
    }

    /**
     * Buckets of the rollup as the parker would have left them after an outage of three hours that
     * ended four hours ago: the picture the chart is for. Only the rollup: no rows, nothing to replay.
     */
    private void anEarlierOutage(String dlq) {
        var group = jdbc.queryForObject(
                "SELECT max(fingerprint) FROM parked_message WHERE dlq_name = ?", String.class, dlq);
        var start = Inflow.bucketOf(Instant.now()).minus(Duration.ofHours(7));
        for (int i = 0; i < 36; i++) {
            jdbc.update(
                    "INSERT INTO parked_inflow (bucket_start, connection_name, dlq_name, fingerprint, parked)"
                            + " VALUES (?, 'embedded', ?, ?, ?)",
                    Timestamp.from(start.plus(Inflow.BUCKET.multipliedBy(i))),
                    dlq,
                    group,
                    5 + (i < 18 ? i * 3 : (36 - i) * 3));
        }
    }
}
