package dev.dlqconsole.replay;

import dev.dlqconsole.parking.ReplayCandidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How a chunk of ledger entries is cut into SendMessageBatch requests. */
final class Batches {

    private static final long BATCH_BYTES = 1_000_000;

    private Batches() {}

    /**
     * Consecutive entries with the same target, at most {@code size} each and at most SQS's 1 MiB per
     * batch request, so the send order holds and one big message cannot sink nine small ones.
     */
    static List<List<LedgerEntry>> of(List<LedgerEntry> entries, int size, Map<Long, ReplayCandidate> candidates) {
        var batches = new ArrayList<List<LedgerEntry>>();
        var current = new ArrayList<LedgerEntry>();
        long bytes = 0;
        for (var entry : entries) {
            var candidate = candidates.get(entry.parkedMessageId());
            long entryBytes = candidate == null ? 0 : approximateSize(candidate);
            if (!current.isEmpty()
                    && (current.size() == size
                            || !java.util.Objects.equals(current.getFirst().targetQueue(), entry.targetQueue())
                            || bytes + entryBytes > BATCH_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(entry);
            bytes += entryBytes;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private static long approximateSize(ReplayCandidate candidate) {
        long size = candidate.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 300;
        for (var e : candidate.attributes().entrySet()) {
            size += e.getKey().length() + e.getValue().dataType().length();
            size += e.getValue().stringValue() != null
                    ? e.getValue().stringValue().length()
                    : 0;
            size += e.getValue().binaryValue() != null ? e.getValue().binaryValue().length : 0;
        }
        return size;
    }
}
