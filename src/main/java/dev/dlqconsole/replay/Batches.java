package dev.dlqconsole.replay;

import dev.dlqconsole.parking.ReplayCandidate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How a chunk of ledger entries is cut into SendMessageBatch requests. */
final class Batches {

    private static final long BATCH_BYTES = 1_000_000;
    /** Room for attributes and the replay's own ones, per message. */
    private static final long PER_MESSAGE = 2_000;

    private Batches() {}

    /**
     * Consecutive entries with the same (connection, queue), at most {@code size} each and at most
     * SQS's 1 MiB per batch request, so the send order holds and one big message cannot sink nine small
     * ones. A batch for a FIFO queue holds at most one message of each group: SQS may refuse one entry
     * and take the next, and a later message of a group must never overtake an earlier one.
     */
    static List<List<LedgerEntry>> of(List<LedgerEntry> entries, int size, Map<Long, ReplayCandidate> candidates) {
        var batches = new ArrayList<List<LedgerEntry>>();
        var current = new ArrayList<LedgerEntry>();
        var groups = new HashSet<String>();
        long bytes = 0;
        for (var entry : entries) {
            var candidate = candidates.get(entry.parkedMessageId());
            long entryBytes = candidate == null ? 0 : candidate.bodySize() + PER_MESSAGE;
            if (!current.isEmpty()
                    && (current.size() == size
                            || !Objects.equals(current.getFirst().target(), entry.target())
                            || bytes + entryBytes > BATCH_BYTES
                            || (entry.groupId() != null && groups.contains(entry.groupId())))) {
                batches.add(current);
                current = new ArrayList<>();
                groups.clear();
                bytes = 0;
            }
            current.add(entry);
            if (entry.groupId() != null) {
                groups.add(entry.groupId());
            }
            bytes += entryBytes;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
