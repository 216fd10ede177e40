package dev.dlqconsole.parking;

import java.time.Instant;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One line of the Messages grid: no body beyond its preview, so a page stays small. The service hands
 * it out with the preview's sensitive values masked.
 */
public record MessageRow(
        long id,
        String connection,
        String dlq,
        @Nullable String source,
        ParkedStatus status,
        Instant parkedAt,
        int receiveCount,
        @Nullable String failureReason,
        String fingerprint,
        @Nullable String traceId,
        String bodyPreview,
        int bodySize) {

    /** The row as a viewer may see it: sensitive values in the preview and the failure masked. */
    MessageRow masked(UnaryOperator<String> mask) {
        return new MessageRow(
                id,
                connection,
                dlq,
                source,
                status,
                parkedAt,
                receiveCount,
                failureReason == null ? null : mask.apply(failureReason),
                fingerprint,
                traceId,
                mask.apply(bodyPreview),
                bodySize);
    }
}
