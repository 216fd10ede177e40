package dev.dlqconsole.replay;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A dry run: what a replay would send, per target ({@code connection/queue}), and what it would skip
 * and why (duplicates collapsed to their first copy). {@code uncertain} counts messages an earlier
 * replay may have delivered already (its job was cancelled before SQS answered): they go again under
 * that replay's id, so a consumer that drops duplicates drops them. {@code connections} are those the
 * selection was parked from: more than one, and the same queue name may mean several accounts.
 * {@code groups} breaks the selection down by failure group, biggest first; {@code leftOut} counts
 * messages of groups the request leaves out (their runbook says never to replay them). {@code edited}
 * counts the messages to send that were edited: their latest version goes, never the original too,
 * and (with approvals on) a second person approves the replay (docs/decisions/017). {@code
 * approvalNeeded}: why the job would wait for a second person (null: it would start at once).
 */
public record ReplayPreview(
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
        List<String> connections,
        int leftOut,
        List<GroupShare> groups,
        int edited,
        @Nullable String approvalNeeded) {

    /** One failure group's part of the selection: its DLQs, how many selected, how many will go. */
    public record GroupShare(String fingerprint, List<String> dlqs, int selected, int willSend) {}

    public boolean spansConnections() {
        return connections.size() > 1;
    }
}
