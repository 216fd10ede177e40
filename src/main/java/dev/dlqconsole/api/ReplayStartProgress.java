package dev.dlqconsole.api;

import dev.dlqconsole.replay.ReplayStart;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** When a scheduled or conditional job starts (docs/decisions/019); all null for one that started at once. */
@Schema(name = "ReplayStart")
record ReplayStartProgress(
        @Schema(description = "\"Scheduled for …\" or \"Waiting for <host> (2 of 3 OK)\".") @Nullable
        String describe,

        @Schema(description = "A scheduled job starts then.") @Nullable
        Instant startAt,

        @Schema(description = "The host of the health URL (its path and query are not shown: they may hold a token).")
        @Nullable
        String healthHost,

        @Schema(description = "2xx answers in a row the job waits for.")
        int healthyTimes,

        @Schema(description = "2xx answers in a row so far.")
        int healthyStreak,

        @Schema(description = "What the last check saw, e.g. `HTTP 503`.") @Nullable
        String lastCheck,

        @Schema(description = "When a waiting job gives up, nothing sent.") @Nullable
        Instant deadline) {

    static ReplayStartProgress of(ReplayStart start) {
        return new ReplayStartProgress(
                start.describe(),
                start.at(),
                start.healthHost(),
                start.healthyTimes(),
                start.streak(),
                start.lastCheck(),
                start.deadline());
    }
}
