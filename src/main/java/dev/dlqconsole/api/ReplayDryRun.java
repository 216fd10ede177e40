package dev.dlqconsole.api;

import dev.dlqconsole.replay.ReplayPreview;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * What a replay would do, as the UI's replay page previews it: how many of the selected messages it
 * would send (per target, {@code connection/queue}), and how many it would skip, by reason; {@code
 * uncertain} of those sent go again under the replay id of an earlier send with an unknown outcome;
 * {@code connections} are those the selection was parked from. Nothing is created.
 */
@Schema(description = "What a replay would do; nothing was created.")
record ReplayDryRun(
        @Schema(description = "Always true.") boolean dryRun,
        int selected,
        int willSend,

        @Schema(description = "Skipped, unless an admin forces.")
        int alreadyReplayed,

        int discarded,
        int inAnotherJob,

        @Schema(description = "Skipped for want of a known source queue; give a `targetQueue`.")
        int noTarget,

        @Schema(description = "Replayed and back in a DLQ too often; skipped unless an admin forces.")
        int poison,

        @Schema(description = "Same body and idempotency key as another selected message; one is sent.")
        int duplicates,

        @Schema(
                description =
                        "Of those sent, how many go again under the replay id of an earlier send whose outcome is unknown.")
        int uncertain,

        @Schema(description = "Messages to send per target, keyed `connection/queue`.")
        Map<String, Integer> perTarget,

        @Schema(description = "The connections the selection was parked from.")
        List<String> connections) {

    static ReplayDryRun of(ReplayPreview p) {
        return new ReplayDryRun(
                true,
                p.selected(),
                p.willSend(),
                p.alreadyReplayed(),
                p.discarded(),
                p.inAnotherJob(),
                p.noTarget(),
                p.poison(),
                p.duplicates(),
                p.uncertain(),
                p.perTarget(),
                p.connections());
    }
}
