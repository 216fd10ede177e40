package dev.dlqconsole.api;

import dev.dlqconsole.replay.ReplayPreview;
import java.util.Map;

/**
 * What a replay would do, as the UI's replay page previews it: how many of the selected messages it
 * would send (per target queue), and how many it would skip, by reason. Nothing is created.
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
        Map<String, Integer> perTarget) {

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
                p.perTarget());
    }
}
