package dev.dlqconsole.replay;

import java.util.Map;

/** A dry run: what a replay would send, and what it would skip and why (duplicates collapsed to their first copy), per target queue. */
public record ReplayPreview(
        int selected,
        int willSend,
        int alreadyReplayed,
        int discarded,
        int inAnotherJob,
        int noTarget,
        int poison,
        int duplicates,
        Map<String, Integer> perTarget) {}
