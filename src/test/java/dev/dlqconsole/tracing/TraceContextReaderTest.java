package dev.dlqconsole.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.dlqconsole.tracing.TraceReading.Absent;
import dev.dlqconsole.tracing.TraceReading.Found;
import dev.dlqconsole.tracing.TraceReading.Unreadable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextReaderTest {

    // Samples from the W3C Trace Context spec, the B3 README, Jaeger's docs and the X-Ray docs.
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String XRAY = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    private static final String UBER = "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:1";
    private static final String B3 = "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90";

    private final TraceContextReader reader = new TraceContextReader(TestProperties.defaults());

    @Test
    void reads_a_w3c_traceparent() {
        var context = found(Map.of("traceparent", TRACEPARENT, "tracestate", "congo=t61rcWkgMzE"));

        assertThat(context)
                .isEqualTo(new TraceContext(
                        "0af7651916cd43dd8448eb211c80319c",
                        "b7ad6b7169203331",
                        TraceFormat.W3C,
                        "traceparent",
                        TRACEPARENT,
                        true));
    }

    @Test
    void reads_an_unsampled_traceparent() {
        var context = found(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"));

        assertThat(context.sampled()).isFalse();
    }

    @Test
    void accepts_extra_fields_only_from_a_future_traceparent_version() {
        assertThat(found(Map.of("traceparent", "cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-future"))
                        .traceId())
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(reader.read(Map.of("traceparent", TRACEPARENT + "-extra"), Map.of()))
                .isInstanceOf(Unreadable.class);
    }

    @Test
    void reads_a_128_bit_jaeger_uber_trace_id() {
        var context = found(Map.of("uber-trace-id", UBER));

        assertThat(context.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(context.format()).isEqualTo(TraceFormat.JAEGER);
        assertThat(context.sampled()).isTrue();
    }

    @Test
    void left_pads_a_64_bit_jaeger_trace_id() {
        var context = found(Map.of("uber-trace-id", "e0a2e5d8a1c2f3b4:9a8b7c6d5e4f3a2b:0:0"));

        assertThat(context.traceId()).isEqualTo("0000000000000000e0a2e5d8a1c2f3b4");
        assertThat(context.sampled()).isFalse();
    }

    @Test
    void reads_a_url_encoded_jaeger_uber_trace_id_and_keeps_the_raw_value() {
        var raw = "4bf92f3577b34da6a3ce929d0e0e4736%3A00f067aa0ba902b7%3A0%3A1";

        var context = found(Map.of("uber-trace-id", raw));

        assertThat(context.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.rawValue()).isEqualTo(raw);
    }

    @Test
    void reads_a_single_b3_header() {
        var context = found(Map.of("b3", B3));

        assertThat(context)
                .isEqualTo(new TraceContext(
                        "80f198ee56343ba864fe8b2a57d3eff7", "e457b5a2e4d86bd1", TraceFormat.B3, "b3", B3, true));
    }

    @Test
    void reads_a_single_b3_header_with_a_64_bit_trace_id_and_debug_flag() {
        var context = found(Map.of("b3", "463ac35c9f6413ad-a2fb4a1d1a96d312-d"));

        assertThat(context.traceId()).isEqualTo("0000000000000000463ac35c9f6413ad");
        assertThat(context.sampled()).isTrue();
    }

    @Test
    void reads_b3_multiple_headers() {
        var attributes = new LinkedHashMap<String, String>();
        attributes.put("X-B3-TraceId", "463ac35c9f6413ad48485a3953bb6124");
        attributes.put("X-B3-SpanId", "a2fb4a1d1a96d312");
        attributes.put("X-B3-Sampled", "1");
        attributes.put("X-B3-ParentSpanId", "0020000000000001");

        var context = found(attributes);

        assertThat(context.traceId()).isEqualTo("463ac35c9f6413ad48485a3953bb6124");
        assertThat(context.spanId()).isEqualTo("a2fb4a1d1a96d312");
        assertThat(context.header()).isEqualTo("X-B3-TraceId");
        assertThat(context.rawValue())
                .isEqualTo("X-B3-TraceId=463ac35c9f6413ad48485a3953bb6124; X-B3-SpanId=a2fb4a1d1a96d312;"
                        + " X-B3-Sampled=1");
        assertThat(context.sampled()).isTrue();
    }

    @Test
    void b3_span_id_without_trace_id_is_unreadable() {
        var reading = reader.read(Map.of("X-B3-SpanId", "a2fb4a1d1a96d312"), Map.of());

        assertThat(reading).isInstanceOf(Unreadable.class);
        assertThat(((Unreadable) reading).header()).isEqualTo("X-B3-SpanId");
    }

    @Test
    void reads_the_aws_trace_header_system_attribute() {
        var context = found(Map.of(), Map.of("AWSTraceHeader", XRAY, "ApproximateReceiveCount", "3"));

        assertThat(context)
                .isEqualTo(new TraceContext(
                        "5759e988bd862e3fe1be46a994272793",
                        "53995c3f42cd8ad8",
                        TraceFormat.XRAY,
                        "AWSTraceHeader",
                        XRAY,
                        true));
    }

    @Test
    void reads_an_xray_header_with_lineage() {
        var context = found(Map.of(), Map.of("AWSTraceHeader", XRAY + ";Lineage=a87bd80c:1|68fd508a:5"));

        assertThat(context.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
    }

    @Test
    void reads_the_trace_of_an_xray_header_without_parent() {
        var context = found(Map.of(), Map.of("AWSTraceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0"));

        assertThat(context.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(context.spanId()).isNull();
        assertThat(context.sampled()).isFalse();
    }

    @Test
    void reads_an_xray_header_whose_sampling_decision_was_deferred() {
        var context = found(
                Map.of(),
                Map.of("AWSTraceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=?"));

        assertThat(context.spanId()).isEqualTo("53995c3f42cd8ad8");
        assertThat(context.sampled()).isFalse();
    }

    @Test
    void a_malformed_xray_parent_loses_the_span_not_the_trace() {
        var context = found(
                Map.of(), Map.of("AWSTraceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=xyz;Sampled=1"));

        assertThat(context.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(context.spanId()).isNull();
        assertThat(context.sampled()).isTrue();
    }

    @Test
    void an_aws_trace_header_among_message_attributes_is_not_the_system_attribute() {
        assertThat(reader.read(Map.of("AWSTraceHeader", XRAY), Map.of())).isInstanceOf(Absent.class);
    }

    @Test
    void matches_attribute_names_case_insensitively() {
        assertThat(found(Map.of("TraceParent", TRACEPARENT)).header()).isEqualTo("TraceParent");
        assertThat(found(Map.of("UBER-TRACE-ID", UBER)).format()).isEqualTo(TraceFormat.JAEGER);
        assertThat(found(Map.of("B3", B3)).format()).isEqualTo(TraceFormat.B3);
        assertThat(found(Map.of("x-b3-traceid", "463ac35c9f6413ad", "x-b3-spanid", "a2fb4a1d1a96d312"))
                        .traceId())
                .isEqualTo("0000000000000000463ac35c9f6413ad");
        assertThat(found(Map.of(), Map.of("awstraceheader", XRAY)).format()).isEqualTo(TraceFormat.XRAY);
    }

    @Test
    void prefers_w3c_then_jaeger_then_b3_then_xray() {
        var all = Map.of(
                "traceparent", TRACEPARENT,
                "uber-trace-id", UBER,
                "b3", B3,
                "X-B3-TraceId", "463ac35c9f6413ad48485a3953bb6124",
                "X-B3-SpanId", "a2fb4a1d1a96d312");
        var system = Map.of("AWSTraceHeader", XRAY);

        assertThat(found(all, system).format()).isEqualTo(TraceFormat.W3C);
        assertThat(found(without(all, "traceparent"), system).format()).isEqualTo(TraceFormat.JAEGER);
        assertThat(found(without(all, "traceparent", "uber-trace-id"), system).rawValue())
                .isEqualTo(B3);
        assertThat(found(without(all, "traceparent", "uber-trace-id", "b3"), system)
                        .header())
                .isEqualTo("X-B3-TraceId");
        assertThat(found(Map.of(), system).format()).isEqualTo(TraceFormat.XRAY);
    }

    @Test
    void a_readable_header_wins_over_a_broken_one_of_higher_precedence() {
        var context = found(Map.of("traceparent", "garbage"), Map.of("AWSTraceHeader", XRAY));

        assertThat(context.format()).isEqualTo(TraceFormat.XRAY);
    }

    @Test
    void when_nothing_is_readable_the_first_broken_header_is_reported() {
        var reading =
                reader.read(Map.of("uber-trace-id", "nope", "traceparent", "garbage"), Map.of("AWSTraceHeader", "x"));

        assertThat(reading)
                .isEqualTo(new Unreadable(
                        "traceparent", "garbage", "not a W3C traceparent (expected 00-<32 hex>-<16 hex>-<2 hex>)"));
    }

    @Test
    void a_message_without_trace_headers_is_absent() {
        assertThat(reader.read(Map.of("error-type", "Timeout", "traceparent", " "), Map.of("SenderId", "AIDA")))
                .isInstanceOf(Absent.class);
    }

    @Test
    void a_traceparent_of_wrong_length_is_unreadable() {
        var raw = "00-0af7651916cd43dd8448eb211c80319-b7ad6b7169203331-01";

        assertThat(reader.read(Map.of("traceparent", raw), Map.of()))
                .isEqualTo(new Unreadable(
                        "traceparent", raw, "not a W3C traceparent (expected 00-<32 hex>-<16 hex>-<2 hex>)"));
    }

    @Test
    void all_zero_ids_are_unreadable() {
        assertThat(problem(Map.of("traceparent", "00-00000000000000000000000000000000-b7ad6b7169203331-01")))
                .startsWith("all-zero");
        assertThat(problem(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01")))
                .startsWith("all-zero");
        assertThat(problem(Map.of("uber-trace-id", "0000000000000000:00f067aa0ba902b7:0:1")))
                .startsWith("all-zero");
        assertThat(problem(Map.of(), Map.of("AWSTraceHeader", "Root=1-00000000-000000000000000000000000;Sampled=1")))
                .startsWith("all-zero");
    }

    @Test
    void upper_case_ids_are_unreadable_because_consumers_ignored_them() {
        assertThat(problem(Map.of("traceparent", "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01")))
                .startsWith("upper-case hex");
        assertThat(problem(Map.of("b3", "80F198EE56343BA864FE8B2A57D3EFF7-E457B5A2E4D86BD1-1")))
                .startsWith("upper-case hex");
        assertThat(problem(
                        Map.of(),
                        Map.of(
                                "AWSTraceHeader",
                                XRAY.toUpperCase()
                                        .replace("ROOT", "Root")
                                        .replace("PARENT", "Parent")
                                        .replace("SAMPLED", "Sampled"))))
                .startsWith("upper-case hex");
    }

    @Test
    void names_the_expected_shape_of_each_format() {
        assertThat(problem(Map.of("uber-trace-id", "abc:def"))).startsWith("not a Jaeger uber-trace-id");
        assertThat(problem(Map.of("b3", "0"))).startsWith("not a B3 header");
        assertThat(problem(Map.of("X-B3-TraceId", "xyz", "X-B3-SpanId", "a2fb4a1d1a96d312")))
                .startsWith("not B3 trace headers");
        assertThat(problem(Map.of(), Map.of("AWSTraceHeader", "Root=2-5759e988-bd862e3fe1be46a994272793")))
                .startsWith("not an X-Ray trace header");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "garbage",
                "-",
                "----",
                ":::",
                "%",
                "%zz%3A",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-",
                "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-zz",
                "4bf92f3577b34da6a3ce929d0e0e47361:00f067aa0ba902b7:0:1",
                "4bf92f3577b34da6a3ce929d0e0e4736:00f067aa0ba902b7:0:xyz",
                "Root=1-5759e988-bd86;Parent=53995c3f42cd8ad8;Sampled=1",
                "Root=1-;Parent=;Sampled=",
                "Root=1-5759e988-bd862e3fe1be46a9942727933;Parent=53995c3f42cd8ad8",
                "Root",
                ";;;;",
                "=",
                "\u0000\uffff\ud83d\ude00",
                "1-2-3-4-5-6"
            })
    void malformed_values_never_throw_and_are_never_found(String value) {
        var attributes = Map.of(
                "traceparent", value,
                "uber-trace-id", value,
                "b3", value,
                "X-B3-TraceId", value,
                "X-B3-SpanId", value,
                "X-B3-Sampled", value);

        assertThatNoException().isThrownBy(() -> reader.read(attributes, Map.of("AWSTraceHeader", value)));
        assertThat(reader.read(attributes, Map.of("AWSTraceHeader", value))).isInstanceOf(Unreadable.class);
    }

    @Test
    void a_huge_value_is_unreadable_not_a_crash() {
        var huge = "00-" + "a".repeat(256 * 1024);

        assertThat(reader.read(Map.of("traceparent", huge), Map.of("AWSTraceHeader", huge)))
                .isInstanceOf(Unreadable.class);
    }

    @Test
    void reads_the_attribute_names_a_fleet_configured() {
        var custom = new TraceContextReader(TestProperties.bind(
                Map.of("headers.traceparent", "x-trace-parent", "headers.aws-trace-header", "X-Amzn-Trace-Id")));

        assertThat(custom.read(Map.of("X-Trace-Parent", TRACEPARENT), Map.of())).isInstanceOf(Found.class);
        assertThat(custom.read(Map.of("traceparent", TRACEPARENT), Map.of())).isInstanceOf(Absent.class);
        assertThat(custom.read(Map.of(), Map.of("x-amzn-trace-id", XRAY))).isInstanceOf(Found.class);
    }

    private TraceContext found(Map<String, String> messageAttributes) {
        return found(messageAttributes, Map.of());
    }

    private TraceContext found(Map<String, String> messageAttributes, Map<String, String> systemAttributes) {
        var reading = reader.read(messageAttributes, systemAttributes);
        assertThat(reading).isInstanceOf(Found.class);
        return ((Found) reading).context();
    }

    private String problem(Map<String, String> messageAttributes) {
        return problem(messageAttributes, Map.of());
    }

    private String problem(Map<String, String> messageAttributes, Map<String, String> systemAttributes) {
        var reading = reader.read(messageAttributes, systemAttributes);
        assertThat(reading).isInstanceOf(Unreadable.class);
        return ((Unreadable) reading).problem();
    }

    private static Map<String, String> without(Map<String, String> attributes, String... names) {
        var copy = new LinkedHashMap<>(attributes);
        for (var name : names) {
            copy.remove(name);
        }
        return copy;
    }
}
