package dev.dlqconsole.e2e;

import static com.codeborne.selenide.CollectionCondition.size;
import static com.codeborne.selenide.CollectionCondition.sizeGreaterThanOrEqual;
import static com.codeborne.selenide.Condition.exist;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Condition.visible;
import static com.codeborne.selenide.Selenide.$;
import static com.codeborne.selenide.Selenide.$$;
import static com.codeborne.selenide.Selenide.webdriver;
import static com.codeborne.selenide.WebDriverConditions.urlContaining;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codeborne.selenide.Selenide;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoAlertPresentException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reading runbooks in the browser: the list, one runbook's steps, the runbooks beside a failure, and who may
 * start an incident. The folder holds the shipped runbooks plus a malicious one and a broken one.
 */
class RunbookJourneyIT extends BrowserJourney {

    static final Path folder = runbookFolder();

    @DynamicPropertySource
    static void runbooks(DynamicPropertyRegistry registry) {
        registry.add("dlq-console.runbooks.folder", folder::toString);
    }

    @Test
    void an_operator_reads_a_runbook_and_can_start_an_incident_from_it() {
        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();
        $("#main-nav vaadin-side-nav-item[path='runbooks']").click();

        var list = RunbooksPage.shown();
        list.cards().shouldHave(size(6));
        list.card("downstream-outage").shouldHave(text("sev2"), text("every DLQ"), text("timed? ?out"), text("steps"));
        list.card("fifo-poison-message").shouldHave(text("*.fifo"), text("every failure"));
        list.problems().shouldBe(visible).shouldHave(text("1 runbook file was not loaded"), text("z-broken.md:4"));
        list.problems().shouldHave(text("severity 'sev9' is not one of sev1, sev2, sev3, sev4"));
        Browser.screenshot("runbooks");

        var runbook = list.openRunbook("downstream-outage");
        runbook.title().shouldHave(text("A dependency was down"));
        runbook.steps().shouldHave(sizeGreaterThanOrEqual(3));
        runbook.step(1).shouldHave(text("Confirm the failures are the outage"));
        runbook.step(2).shouldHave(text("aws sqs get-queue-attributes"));
        runbook.startIncident().shouldBe(visible).shouldHave(text("Start an incident from this runbook"));
        Browser.screenshot("runbook");
        runbook.step(2).scrollIntoView(true);
        Browser.screenshot("runbook-step-2");

        runbook.startIncident().scrollIntoView("{block: 'center'}").click();
        webdriver().shouldHave(urlContaining("incidents/new?runbook=downstream-outage"));
    }

    @Test
    void a_viewer_reads_a_runbook_but_cannot_start_an_incident() {
        LoginPage.open().logInAs("viewer", PASSWORD);
        OverviewPage.shown();

        var runbook = RunbookPage.open("downstream-outage");

        runbook.step(1).shouldBe(visible);
        runbook.startIncident().shouldNot(exist);
    }

    @Test
    void a_malicious_runbook_renders_as_inert_text() {
        LoginPage.open().logInAs("operator", PASSWORD);
        OverviewPage.shown();

        var runbook = RunbookPage.open("evil");

        runbook.step(1).shouldHave(text("Click here"), text("harmless link"));
        $$("#runbook-view script").shouldHave(size(0));
        $$("#runbook-view iframe").shouldHave(size(0));
        $$("#runbook-view [onerror], #runbook-view [onclick]").shouldHave(size(0));
        $$("#runbook-view a[href^='javascript'], #runbook-view a[href^='JAVASCRIPT']")
                .shouldHave(size(0));
        assertThatThrownBy(() -> webdriver().driver().getWebDriver().switchTo().alert())
                .isInstanceOf(NoAlertPresentException.class);
        Browser.screenshot("runbook-malicious");
    }

    @Test
    void a_parked_message_and_its_failure_group_link_to_the_runbooks_for_the_failure() {
        var id = park("Read timed out after 3500 ms calling inventory-service at 10.0.3.4:8443");
        LoginPage.open().logInAs("viewer", PASSWORD);
        OverviewPage.shown();

        MessagePage.open(id);
        var runbooks = $("#message-runbooks");
        runbooks.shouldHave(text("Runbooks for this failure"));
        runbooks.$$(".runbook-link").shouldHave(size(2));
        runbooks.$(".runbook-link").shouldHave(text("A dependency was down"));
        Browser.screenshot("message-runbooks");

        Selenide.open("/groups");
        $("#groups-grid").$(".top-runbook .runbook-link").shouldHave(text("A dependency was down"));
        Browser.screenshot("groups-runbooks");
        $("#groups-grid").$(".top-runbook .runbook-link").click();
        RunbookPage.shown().title().shouldHave(text("A dependency was down"));
    }

    private long park(String reason) {
        var queues = TestQueues.create(sqs, "orders", false);
        var messageId = sqs.send(
                "embedded",
                queues.dlqUrl(),
                new OutgoingMessage(
                        "0",
                        "{\"orderId\":\"ord-1\"}",
                        Map.of("error-message", MessageAttribute.string(reason)),
                        null,
                        null,
                        null));
        return awaitParkedMessage(messageId);
    }

    /** The shipped runbooks, a malicious one and one with a broken severity, in a folder of their own. */
    private static Path runbookFolder() {
        try {
            var folder = Files.createTempDirectory("dlq-console-runbooks");
            try (var shipped = Files.newDirectoryStream(Path.of("runbooks"), "*.md")) {
                for (var file : shipped) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
            Files.writeString(folder.resolve("evil.md"), """
                    ---
                    id: evil
                    title: A runbook someone tampered with
                    severity: sev4
                    applies-to-dlqs: [evil-*]
                    ---
                    <script>alert(1)</script>

                    ## 1. Click here
                    <img src=x onerror=alert(2)> [a harmless link](javascript:alert(3))
                    <a href="javascript:alert(4)" onclick="alert(5)">another</a>
                    <iframe src="https://evil.example"></iframe>
                    """);
            Files.writeString(folder.resolve("z-broken.md"), """
                    ---
                    id: broken
                    title: Broken
                    severity: sev9
                    ---
                    ## 1. Step
                    """);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
