package dev.dlqconsole.parking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Groups failures that are the same failure: a reason with its ids, numbers, UUIDs, timestamps,
 * addresses and quoted values replaced by placeholders. Two messages whose reasons differ only in
 * such values get the same fingerprint. The parker applies it to the masked reason and keys it.
 */
public final class FailureFingerprint {

    static final String NO_REASON = "(no failure reason recorded)";

    private static final Pattern UUID =
            Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?\\b");
    private static final Pattern IP = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?\\b");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"|`[^`]*`");
    private static final Pattern HEX = Pattern.compile("\\b(0x)?(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{8,}\\b");
    // Ids such as ord-481516, cus-42, pay_9f8e7d: a word followed by a separator and digits.
    private static final Pattern PREFIXED_ID = Pattern.compile("\\b[A-Za-z]{1,12}[-_:#]\\w*\\d\\w*\\b");
    private static final Pattern EMAIL = Pattern.compile("\\b[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+\\b");
    private static final Pattern NUMBER = Pattern.compile("-?\\b\\d+([.,]\\d+)*\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private FailureFingerprint() {}

    /** The reason with its variable parts replaced by placeholders: the failure group's title. */
    public static String template(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            return NO_REASON;
        }
        var text = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        text = UUID.matcher(text).replaceAll("<uuid>");
        text = TIMESTAMP.matcher(text).replaceAll("<time>");
        text = EMAIL.matcher(text).replaceAll("<email>");
        text = IP.matcher(text).replaceAll("<address>");
        text = QUOTED.matcher(text).replaceAll("'<value>'");
        text = HEX.matcher(text).replaceAll("<hex>");
        text = PREFIXED_ID.matcher(text).replaceAll("<id>");
        text = NUMBER.matcher(text).replaceAll("<n>");
        return SPACES.matcher(text).replaceAll(" ").trim();
    }

    /**
     * A short key of the template: 32 hex characters of its SHA-256. Unkeyed, so anyone can compute it:
     * parked messages get a keyed one instead, of their masked reason (ShownValues, docs/decisions/010).
     */
    public static String of(@Nullable String reason) {
        return sha256(template(reason)).substring(0, 32);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
