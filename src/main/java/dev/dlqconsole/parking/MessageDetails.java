package dev.dlqconsole.parking;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything about one parked message, for its page. {@code failureReason}, {@code body} and
 * {@code attributes} are masked as {@code masking} says (show these, not the message's own); the message's own body never leaves the parking package this way.
 */
public record MessageDetails(
        ParkedSummary message,
        @Nullable String failureReason,
        String failureTemplate,
        byte[] body,
        List<Attribute> attributes,
        Map<String, String> systemAttributes,
        List<HistoryEntry> history,
        MessageTrace trace,
        Masking masking) {

    /**
     * The SHA-256 of the body as parked, or null while values are masked: with the rest of the body in
     * view, a short masked value (a CVV, a PIN) could be found by trying each one against the hash.
     */
    public @Nullable String bodySha256() {
        return masking.unmasked() || masking.values() == 0 ? message.bodySha256() : null;
    }

    /** The body as text, or null when its bytes are not UTF-8 (binary: shown as hex, never masked). */
    public @Nullable String bodyText() {
        return utf8(body);
    }

    static @Nullable String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * A message attribute as stored: a string value, or a binary one (base64). A masked one holds the
     * marker as its value, whatever its type.
     */
    public record Attribute(
            String name, String dataType, @Nullable String value, byte @Nullable [] binary, boolean masked) {}

    /**
     * What is hidden: how many values of sensitive body fields, and which sensitive attributes. With
     * {@code unmasked} (an admin asked, and it was audited) they are shown as they are, and the counts
     * say what would have been masked. A body that is not UTF-8 cannot be masked field by field and is
     * shown as it is ({@code bodyMaskable} false).
     */
    public record Masking(boolean unmasked, int bodyValues, List<String> attributes, boolean bodyMaskable) {

        /** Sensitive values in the message: masked ones, or with {@code unmasked} the ones shown. */
        public int values() {
            return bodyValues + attributes.size();
        }
    }

    /** Something that happened to the message, oldest first. */
    public record HistoryEntry(
            Instant at,
            String what,
            @Nullable String who,
            @Nullable String detail,
            @Nullable String link) {

        public HistoryEntry(Instant at, String what, @Nullable String who, @Nullable String detail) {
            this(at, what, who, detail, null);
        }
    }
}
