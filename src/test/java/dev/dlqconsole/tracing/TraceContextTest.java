package dev.dlqconsole.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "4bf92f3577b34da6a3ce929d0e0e4736                        | 4bf92f3577b34da6a3ce929d0e0e4736",
                "  4BF92F3577B34DA6A3CE929D0E0E4736  \t                 | 4bf92f3577b34da6a3ce929d0e0e4736",
                "a3ce929d0e0e4736                                        | 0000000000000000a3ce929d0e0e4736",
                "1-5759e988-bd862e3fe1be46a994272793                     | 5759e988bd862e3fe1be46a994272793",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
                        + " | 5759e988bd862e3fe1be46a994272793",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | 4bf92f3577b34da6a3ce929d0e0e4736",
                "4bf92f35-77b3-4da6-a3ce-929d0e0e4736                    | 4bf92f3577b34da6a3ce929d0e0e4736",
                "3ce929d0e0e4736:00f067aa0ba902b7:0:1                    | 000000000000000003ce929d0e0e4736",
            })
    void normalizes_pasted_trace_ids(String pasted, String expected) {
        assertThat(TraceContext.normalizeTraceId(pasted)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "xyz",
                "4bf92f3577b34da6a3ce929d0e0e473",
                "4bf92f3577b34da6a3ce929d0e0e47360",
                "00000000000000000000000000000000",
                "0000000000000000",
                "1-00000000-000000000000000000000000",
                "2-5759e988-bd862e3fe1be46a994272793",
                "g000000000000000"
            })
    void rejects_what_is_not_a_trace_id(String pasted) {
        assertThat(TraceContext.normalizeTraceId(pasted)).isEmpty();
    }

    @Test
    void rejects_null() {
        assertThat(TraceContext.normalizeTraceId(null)).isEmpty();
    }

    @Test
    void holds_only_valid_ids() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TraceContext("ABC", null, TraceFormat.W3C, "traceparent", "x", true));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TraceContext(
                        "4bf92f3577b34da6a3ce929d0e0e4736", "0000000000000000", TraceFormat.W3C, "h", "x", true));
    }
}
