package dev.dlqconsole.runbook.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AppliesToTest {

    @Test
    void a_reason_pattern_reads_as_its_top_level_alternatives_without_flags_or_word_boundaries() {
        var pattern =
                Pattern.compile("(?i)connection (refused|reset|closed)|ConnectException|\\bunsupported\\b|[|a]x|a\\|b");

        assertThat(AppliesTo.alternatives(pattern))
                .containsExactly(
                        "connection (refused|reset|closed)", "ConnectException", "unsupported", "[|a]x", "a\\|b");
    }

    @Test
    void a_plain_pattern_stays_as_written() {
        assertThat(AppliesTo.alternatives(Pattern.compile("timed? ?out"))).containsExactly("timed? ?out");
    }
}
