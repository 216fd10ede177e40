package dev.dlqconsole.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The chain's arithmetic: an event's hash is SHA-256 over the previous event's hash and the event's
 * own canonical content (every field in a fixed order, each prefixed by its length, so no two
 * different events read the same).
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    static String hash(
            String prevHash,
            Instant at,
            String actor,
            String action,
            @Nullable String targets,
            @Nullable String reason,
            @Nullable Long incidentId,
            @Nullable Integer step,
            AuditEvent.Outcome outcome,
            @Nullable String detail) {
        var canonical = new StringBuilder();
        for (var field : new Object[] {
            prevHash, at.toEpochMilli(), actor, action, targets, reason, incidentId, step, outcome.name(), detail
        }) {
            if (field == null) {
                canonical.append("-1:|"); // no length can be -1: a null never reads as any text
            } else {
                var text = Objects.toString(field);
                canonical.append(text.length()).append(':').append(text).append('|');
            }
        }
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(AuditEvent e) {
        return hash(
                e.prevHash(),
                e.at(),
                e.actor(),
                e.action(),
                e.targets(),
                e.reason(),
                e.incidentId(),
                e.step(),
                e.outcome(),
                e.detail());
    }
}
