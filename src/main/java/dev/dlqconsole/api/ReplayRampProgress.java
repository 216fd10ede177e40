package dev.dlqconsole.api;

import dev.dlqconsole.replay.Ramp;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Where a job is on its graduated ramp (docs/decisions/018). */
@Schema(name = "ReplayRamp")
record ReplayRampProgress(
        @Schema(description = "The steps, the canary first: up to `percent` of the job, `upTo` sends in all.")
        List<RampStep> steps,

        @Schema(description = "The step the job is on, counted from 1 (the canary).")
        int step,

        @Schema(description = "A step after the canary pauses the job when more than this percentage of it comes back.")
        int threshold,

        @Schema(description = "While the current step's messages are watched: until when.") @Nullable
        Instant watchingUntil,

        @Schema(description = "Messages of the current step that came back to a DLQ.")
        int cameBack) {

    record RampStep(int percent, int upTo) {}

    static ReplayRampProgress of(Ramp ramp) {
        return new ReplayRampProgress(
                ramp.steps().stream()
                        .map(s -> new RampStep(s.percent(), s.upTo()))
                        .toList(),
                Math.min(ramp.step(), ramp.steps().size() - 1) + 1,
                ramp.threshold(),
                ramp.stepUntil(),
                ramp.stepBack());
    }
}
