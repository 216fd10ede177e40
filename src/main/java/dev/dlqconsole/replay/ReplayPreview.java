package dev.dlqconsole.replay;

import java.util.Map;

/** A dry run: what a replay would send, and what it would skip and why, per target queue. */
public record ReplayPreview(
        int selected,
        int willSend,
        int alreadyReplayed,
        int discarded,
        int inAnotherJob,
        int noTarget,
        int poison,
        Map<String, Integer> perTarget) {}
