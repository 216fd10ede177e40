package dev.dlqconsole.ops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.dlqconsole.tracing.Telemetry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Boot's ECS JSON lines, configured as application.yml does, carry the current span's ids. */
class TraceIdsInJsonLogsTest {

    private final LoggerContext logging = new LoggerContext();
    private final StructuredLogEncoder encoder = new StructuredLogEncoder();

    TraceIdsInJsonLogsTest() {
        var environment = new MockEnvironment()
                .withProperty("spring.application.name", "dlq-console")
                .withProperty("logging.structured.json.customizer", TraceIdsInJsonLogs.class.getName());
        logging.setMDCAdapter(new LogbackMDCAdapter());
        logging.putObject(Environment.class.getName(), environment);
        encoder.setContext(logging);
        encoder.setFormat("ecs");
        encoder.start();
    }

    @Test
    void a_line_written_inside_a_span_carries_its_trace_and_span_ids() {
        var tracer = Telemetry.exportingTo(InMemorySpanExporter.create())
                .openTelemetry()
                .getTracer("test");
        var span = tracer.spanBuilder("park orders-dlq").startSpan();
        JsonNode line;
        try (var ignored = span.makeCurrent()) {
            line = write("Parked 3 new of 3 received from orders-dlq");
        } finally {
            span.end();
        }

        assertThat(line.path("message").asString()).isEqualTo("Parked 3 new of 3 received from orders-dlq");
        assertThat(line.path("trace").path("id").asString())
                .isEqualTo(span.getSpanContext().getTraceId())
                .hasSize(32)
                .isNotEqualTo("0".repeat(32));
        assertThat(line.path("span").path("id").asString())
                .isEqualTo(span.getSpanContext().getSpanId());
    }

    @Test
    void a_line_written_outside_any_span_has_no_trace_fields() {
        var line = write("Discovery on connection 'prod' failed");

        assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(line.has("trace")).isFalse();
        assertThat(line.has("span")).isFalse();
    }

    private JsonNode write(String message) {
        var event = new LoggingEvent(
                TraceIdsInJsonLogsTest.class.getName(),
                logging.getLogger("dev.dlqconsole"),
                Level.INFO,
                message,
                null,
                null);
        return JsonMapper.builder().build().readTree(new String(encoder.encode(event), UTF_8));
    }
}
