package dev.dlqconsole.api;

import dev.dlqconsole.replay.ReplayPreview;
import java.util.List;
import java.util.Map;

/**
 * What a replay would do, as the UI's replay page previews it: how many of the selected messages it
 * would send (per target, {@code connection/queue}), and how many it would skip, by reason; {@code
 * uncertain} of those sent go again under the replay id of an earlier send with an unknown outcome;
 * {@code connections} are those the selection was parked from. Nothing is created.
 */
record ReplayDryRun(
        boolean dryRun,
        int selected,
        int willSend,
        int alreadyReplayed,
        int discarded,
        int inAnotherJob,
        int noTarget,
        int poison,
        int duplicates,
        int uncertain,
        Map<String, Integer> perTarget,
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
