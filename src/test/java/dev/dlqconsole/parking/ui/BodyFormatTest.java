package dev.dlqconsole.parking.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyFormatTest {

    @Test
    void json_is_pretty_printed_with_numbers_kept_exactly() {
        var body = "{\"amount\":0.10000000000000000555,\"id\":123456789012345678901234567890}";

        assertThat(BodyFormat.kind(bytes(body), null)).isEqualTo(BodyFormat.Kind.JSON);
        assertThat(BodyFormat.pretty(body))
                .contains("0.10000000000000000555")
                .contains("123456789012345678901234567890")
                .contains("\n");
    }

    @Test
    void base64_of_binary_is_shown_as_binary_but_a_long_word_is_text() {
        assertThat(BodyFormat.kind(bytes("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="), null))
                .isEqualTo(BodyFormat.Kind.BINARY);
        assertThat(BodyFormat.kind(bytes("OrderServiceTimeoutException"), null)).isEqualTo(BodyFormat.Kind.TEXT);
        assertThat(BodyFormat.hexDump(new byte[] {0, 1, (byte) 0xff, 0x41}, 16)).startsWith("00000000  00 01 ff 41");
    }

    @Test
    void html_and_whitespace_stay_text() {
        assertThat(BodyFormat.kind(bytes("<img src=x onerror=alert(1)>"), null)).isEqualTo(BodyFormat.Kind.TEXT);
        assertThat(BodyFormat.kind(bytes(" \n\t"), null)).isEqualTo(BodyFormat.Kind.WHITESPACE);
        assertThat(BodyFormat.visibleWhitespace(" \t\n")).isEqualTo("␠⇥↵\n");
        assertThat(BodyFormat.kind(new byte[0], null)).isEqualTo(BodyFormat.Kind.EMPTY);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
