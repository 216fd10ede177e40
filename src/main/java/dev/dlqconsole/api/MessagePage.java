package dev.dlqconsole.api;

import dev.dlqconsole.parking.MessageRow;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A page of parked messages, newest first, without bodies beyond their start; {@code nextBefore} is
 * the {@code before} of the next page, null on the last.
 */
record MessagePage(
        List<Summary> messages,

        @Schema(description = "The `before` of the next page; null on the last page.") @Nullable
        Long nextBefore) {

    @Schema(name = "MessageSummary")
    record Summary(
            long id,
            String connection,
            String dlq,

            @Schema(description = "The source queue, when known.") @Nullable
            String source,

            @Schema(allowableValues = {"parked", "replaying", "replayed", "discarded"})
            String status,

            Instant parkedAt,
            int receiveCount,
            @Nullable String failureReason,

            @Schema(
                    description =
                            "The failure group (the `group` filter), 32 hex digits keyed with the console's secret.")
            String fingerprint,

            @Nullable String traceId,

            @Schema(description = "The body's start, values of sensitive fields masked (`••••••`).")
            String bodyPreview,

            @Schema(description = "The body's size in bytes.")
            int bodySize) {

        static Summary of(MessageRow row) {
            return new Summary(
                    row.id(),
                    row.connection(),
                    row.dlq(),
                    row.source(),
                    row.status().name().toLowerCase(Locale.ROOT),
                    row.parkedAt(),
                    row.receiveCount(),
                    row.failureReason(),
                    row.fingerprint(),
                    row.traceId(),
                    row.bodyPreview(),
                    row.bodySize());
        }
    }

    /** {@code rows} holds up to {@code limit + 1} rows: one more than the page tells there is a next. */
    static MessagePage of(List<MessageRow> rows, int limit) {
        var page = rows.stream().limit(limit).map(Summary::of).toList();
        return new MessagePage(page, rows.size() > limit ? page.getLast().id() : null);
    }
}
