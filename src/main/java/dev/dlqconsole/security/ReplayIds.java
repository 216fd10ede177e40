package dev.dlqconsole.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Replay ids that only the console can make and check: the job and the parked message, 16 hex digits
 * each, then 32 hex digits of an HMAC of the pair under the console's key. The same pair always gets
 * the same id (it is the consumer's idempotency key, and a resend must reuse it); a producer who
 * writes {@code dlq-replay-id} itself cannot make one that checks, so its message is not taken for a
 * replayed copy (ADR 010).
 */
@Component
public class ReplayIds {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");
    private final SigningKey key;

    public ReplayIds(SigningKey key) {
        this.key = key;
    }

    /** The replay id of one parked message in one job. */
    public String of(long jobId, long parkedMessageId) {
        var pair = String.format("%016x%016x", jobId, parkedMessageId);
        return pair + key.hmac("replay-id", pair).substring(0, 32);
    }

    /** Whether the console made this id (for some job and message), rather than whoever sent the message. */
    public boolean genuine(String replayId) {
        if (!FORM.matcher(replayId).matches()) {
            return false;
        }
        var pair = replayId.substring(0, 32);
        var expected = key.hmac("replay-id", pair).substring(0, 32);
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                replayId.substring(32).getBytes(StandardCharsets.US_ASCII));
    }
}
