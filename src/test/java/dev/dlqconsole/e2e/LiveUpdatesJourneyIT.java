package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.matchText;
import static com.codeborne.selenide.Selenide.$;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codeborne.selenide.Selenide;
import dev.dlqconsole.incident.IncidentService;
import dev.dlqconsole.overview.SlowOverview;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.replay.ReplayService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WindowType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A page that refreshes itself reads what it shows outside the session's lock: while the Overview in
 * one tab waits on a slow read (at a million parked messages its counts take seconds), the same
 * person's other tab opens the Messages view at once instead of waiting for that read to end.
 */
class LiveUpdatesJourneyIT extends BrowserJourney {

    @Autowired
    SlowOverview overview;

    @AfterEach
    void letGo() {
        overview.release();
    }

    @Test
    void a_slow_refresh_of_the_overview_does_not_hold_up_the_same_persons_other_tab() {
        dlqWithFailures("liveupdates", 3, "Upstream refused the order");
        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();

        overview.slowDown();
        // The Overview refreshes every five seconds: wait until its refresh is inside the slow read.
        await().atMost(Duration.ofSeconds(20)).until(overview::reading);

        Selenide.switchTo().newWindow(WindowType.TAB);
        Selenide.open("/messages");
        $("#message-count").shouldHave(matchText("[\\d,]+ messages?"));
        Browser.screenshot("messages-beside-a-slow-overview");
        assertThat(overview.reading())
                .as("the Messages view answered while the Overview's refresh was still reading")
                .isTrue();
    }

    @TestConfiguration
    static class Slow {

        @Bean
        @Primary
        SlowOverview slowOverview(
                DlqDiscovery discovery,
                SqsGateway sqs,
                ParkingService parking,
                IncidentService incidents,
                ReplayService replays) {
            return new SlowOverview(discovery, sqs, parking, incidents, replays);
        }
    }
}
