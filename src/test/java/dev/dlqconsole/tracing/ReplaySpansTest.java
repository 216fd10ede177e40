package dev.dlqconsole.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplaySpansTest {

    private static final TraceContext ORIGINAL = new TraceContext(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            TraceFormat.W3C,
            "traceparent",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            true);

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final Telemetry telemetry = Telemetry.exportingTo(exporter);
    private final ReplaySpans replaySpans = new ReplaySpans(telemetry);

    @AfterEach
    void closeTelemetry() {
        telemetry.close();
    }

    @Test
    void starts_a_new_trace_linked_to_the_original_span() {
        var replay = replaySpans.start(ORIGINAL, "job-7:msg-42");
        replay.sent("5fea7756-0ea4-451a-a703-a558b933e274");

        var span = onlySpan();
        assertThat(span.getName()).isEqualTo("dlq-console replay");
        assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(span.getTraceId()).isNotEqualTo(ORIGINAL.traceId()).isEqualTo(replay.traceId());
        assertThat(span.getParentSpanId()).isEqualTo(SpanId.getInvalid());
        assertThat(span.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(ORIGINAL.traceId());
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(ORIGINAL.spanId());
            assertThat(link.getSpanContext().isRemote()).isTrue();
            assertThat(link.getSpanContext().isSampled()).isTrue();
        });
        assertThat(span.getAttributes().get(AttributeKey.stringKey("dlq.replay.id")))
                .isEqualTo("job-7:msg-42");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.system")))
                .isEqualTo("aws_sqs");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
                .isEqualTo("5fea7756-0ea4-451a-a703-a558b933e274");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void the_traceparent_parses_back_to_the_replay_span() {
        var replay = replaySpans.start(ORIGINAL, "job-7:msg-42");
        replay.sent("m-1");

        var extracted = Span.fromContext(W3CTraceContextPropagator.getInstance()
                        .extract(Context.root(), Map.of("traceparent", replay.traceparent()), MapGetter.INSTANCE))
                .getSpanContext();

        var span = onlySpan();
        // Flags 03 on OpenTelemetry 1.68: sampled, and the Level 2 flag saying the trace id is random.
        assertThat(replay.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[13]");
        assertThat(extracted.getTraceId()).isEqualTo(span.getTraceId());
        assertThat(extracted.getSpanId()).isEqualTo(span.getSpanId());
        assertThat(extracted.isSampled()).isTrue();
    }

    @Test
    void is_a_trace_of_its_own_even_inside_another_span() {
        var job = telemetry
                .openTelemetry()
                .getTracer("test")
                .spanBuilder("replay job")
                .startSpan();
        try (var ignored = job.makeCurrent()) {
            replaySpans.start(ORIGINAL, "job-7:msg-42").sent("m-1");
        } finally {
            job.end();
        }

        var replay = exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("dlq-console replay"))
                .findFirst()
                .orElseThrow();
        assertThat(replay.getTraceId()).isNotEqualTo(job.getSpanContext().getTraceId());
        assertThat(replay.getParentSpanId()).isEqualTo(SpanId.getInvalid());
    }

    @Test
    void a_failed_send_ends_the_span_as_an_error() {
        var replay = replaySpans.start(ORIGINAL, "job-7:msg-42");

        replay.failed(new IllegalStateException("AWS.SimpleQueueService.NonExistentQueue"));

        var span = onlySpan();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(span.getEvents())
                .singleElement()
                .satisfies(event -> assertThat(event.getName()).isEqualTo("exception"));
    }

    @Test
    void ends_only_once() {
        var replay = replaySpans.start(ORIGINAL, "job-7:msg-42");

        replay.sent("m-1");
        replay.failed(new IllegalStateException("late"));

        assertThat(onlySpan().getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void a_message_without_trace_context_gets_an_unlinked_trace() {
        replaySpans.start(null, "job-7:msg-43").sent("m-2");

        var span = onlySpan();
        assertThat(span.getLinks()).isEmpty();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("dlq.original.trace_id")))
                .isNull();
    }

    @Test
    void an_original_without_a_span_is_named_but_not_linked() {
        var xrayRootOnly = new TraceContext(
                "5759e988bd862e3fe1be46a994272793",
                null,
                TraceFormat.XRAY,
                "AWSTraceHeader",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
                true);

        replaySpans.start(xrayRootOnly, "job-7:msg-44").sent("m-3");

        var span = onlySpan();
        assertThat(span.getLinks()).isEmpty();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("dlq.original.trace_id")))
                .isEqualTo("5759e988bd862e3fe1be46a994272793");
    }

    private SpanData onlySpan() {
        assertThat(exporter.getFinishedSpanItems()).hasSize(1);
        return exporter.getFinishedSpanItems().getFirst();
    }

    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
