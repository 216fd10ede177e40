package dev.dlqconsole.e2e;

import static com.codeborne.selenide.Condition.attribute;
import static com.codeborne.selenide.Condition.exactText;
import static com.codeborne.selenide.Condition.text;
import static com.codeborne.selenide.Selenide.$;

import dev.dlqconsole.TestQueues;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.tracing.JaegerStub;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A parked message's trace: the link goes to the configured trace UI, and Jaeger's summary shows inline. */
class TraceJourneyIT extends BrowserJourney {

    static final JaegerStub jaeger = JaegerStub.start();

    @DynamicPropertySource
    static void tracing(DynamicPropertyRegistry registry) {
        registry.add("dlq-console.tracing.jaeger-query-url", jaeger::url);
        registry.add("dlq-console.tracing.ui-url-template", () -> "https://jaeger.example.com/trace/{traceId}");
    }

    @AfterAll
    static void stopJaeger() {
        jaeger.close();
    }

    @Test
    void the_trace_link_and_the_inline_summary_come_from_the_configured_jaeger() {
        var w3c = park(Map.of(
                "traceparent",
                MessageAttribute.string("00-" + JaegerStub.TRACE_ID + "-00f067aa0ba902b7-01"),
                "error-message",
                MessageAttribute.string("Read timed out after 3000 ms")));
        var xray = park(Map.of(), "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        var broken = park(Map.of("uber-trace-id", MessageAttribute.string("not:a:jaeger:header:at:all")));
        LoginPage.open().logInAs("viewer", PASSWORD);
        OverviewPage.shown();

        MessagePage.open(w3c);
        $("#trace-id").shouldHave(exactText(JaegerStub.TRACE_ID));
        $("#trace-link").shouldHave(attribute("href", "https://jaeger.example.com/trace/" + JaegerStub.TRACE_ID));
        $("#trace-summary").shouldHave(text("spans across"), text("services"));
        $("#trace-summary .trace-error-span").shouldBe(com.codeborne.selenide.Condition.visible);
        Browser.screenshot("message-trace-summary");

        MessagePage.open(xray);
        $("#trace-id").shouldHave(exactText("5759e988bd862e3fe1be46a994272793"));
        $("#trace-panel").shouldHave(text("AWSTraceHeader"));
        $("#trace-summary").shouldHave(text("Jaeger has no trace with this id"));

        MessagePage.open(broken);
        $("#trace-unreadable").shouldHave(text("uber-trace-id"));
        $("#trace-panel").shouldHave(text("not:a:jaeger:header:at:all"));

        MessagesPage.open("trace=" + JaegerStub.TRACE_ID.toUpperCase()).count().shouldHave(text("1 message"));
    }

    private long park(Map<String, MessageAttribute> attributes) {
        return park(attributes, null);
    }

    private long park(Map<String, MessageAttribute> attributes, String awsTraceHeader) {
        var queues = TestQueues.create(sqs, "trace", false);
        var name = queues.sourceName();
        var dlqUrl = queues.dlqUrl();
        var id = sqs.send("embedded", dlqUrl, new OutgoingMessage("0", "{}", attributes, null, null, awsTraceHeader));
        return awaitParkedMessage(id);
    }
}
