package dev.dlqconsole.parking.ui;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides how to show a body: pretty JSON, base64-encoded binary (as hex), whitespace made visible,
 * or plain text. Every result is text for a text node: nothing here is ever interpreted as HTML.
 */
final class BodyFormat {

    private static final JsonMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Show numbers exactly as sent: 0.10000000000000000555 must not become 0.1.
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/\\r\\n]+={0,2}");

    enum Kind {
        JSON,
        BINARY,
        WHITESPACE,
        EMPTY,
        TEXT
    }

    private BodyFormat() {}

    static Kind kind(byte[] body, @Nullable String contentType) {
        var text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return Kind.EMPTY;
        }
        if (text.isBlank()) {
            return Kind.WHITESPACE;
        }
        var trimmed = text.strip();
        if ((trimmed.startsWith("{") || trimmed.startsWith("[")) && pretty(text) != null) {
            return Kind.JSON;
        }
        if (decodedBinary(text, contentType) != null) {
            return Kind.BINARY;
        }
        return Kind.TEXT;
    }

    static @Nullable String pretty(String text) {
        try {
            return json.writeValueAsString(json.readTree(text));
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The bytes behind a base64 body, when it is one and they are not text. */
    static byte @Nullable [] decodedBinary(String text, @Nullable String contentType) {
        var trimmed = text.strip();
        var declaredBinary = contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).contains("octet-stream");
        if (trimmed.length() < 16 || !BASE64.matcher(trimmed).matches()) {
            return null;
        }
        var compact = trimmed.replace("\r", "").replace("\n", "");
        // A word like OrderServiceTimeoutException is valid base64 too: without a declared binary type,
        // insist on what encoders produce (whole quads, and padding or + or /).
        if (!declaredBinary
                && (compact.length() % 4 != 0
                        || !(compact.endsWith("=") || compact.contains("+") || compact.contains("/")))) {
            return null;
        }
        try {
            var bytes = Base64.getMimeDecoder().decode(trimmed);
            return declaredBinary || !looksLikeText(bytes) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A classic hex dump: offset, 16 bytes in hex, and their printable ASCII. */
    static String hexDump(byte[] bytes, int maxBytes) {
        var hex = HexFormat.of();
        var out = new StringBuilder();
        var end = Math.min(bytes.length, maxBytes);
        for (int offset = 0; offset < end; offset += 16) {
            out.append(String.format("%08x  ", offset));
            var ascii = new StringBuilder();
            for (int i = offset; i < offset + 16; i++) {
                if (i < end) {
                    out.append(hex.toHexDigits(bytes[i])).append(' ');
                    var c = bytes[i] & 0xff;
                    ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
                } else {
                    out.append("   ");
                }
            }
            out.append(' ').append(ascii).append('\n');
        }
        if (bytes.length > end) {
            out.append(String.format("… %,d more bytes%n", bytes.length - end));
        }
        return out.toString();
    }

    /** Whitespace made visible: a body of only spaces and newlines is not "empty" to a consumer. */
    static String visibleWhitespace(String text) {
        return text.replace(" ", "␠").replace("\t", "⇥").replace("\r", "␍").replace("\n", "↵\n");
    }

    private static boolean looksLikeText(byte[] bytes) {
        int control = 0;
        for (var b : bytes) {
            var c = b & 0xff;
            if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
                control++;
            }
        }
        return control * 20 < bytes.length;
    }
}
