package dev.dlqconsole.replay;

import dev.dlqconsole.parking.ReplayCandidate;
import dev.dlqconsole.parking.ReplayPayload;
import dev.dlqconsole.tracing.ReplaySpan;

/**
 * An entry about to be sent: its ledger entry, what was parked (the candidate and its payload), its
 * replay span; whether an answer to it ever failed to come (it may have arrived already), and how many
 * replay attributes found no room.
 */
final class Prepared {
    private final LedgerEntry entry;
    private final ReplayCandidate candidate;
    private final ReplayPayload payload;
    private final ReplaySpan span;
    private boolean mayHaveArrived;
    private boolean counted;
    private int notAdded;

    Prepared(LedgerEntry entry, ReplayCandidate candidate, ReplayPayload payload, ReplaySpan span) {
        this.entry = entry;
        this.candidate = candidate;
        this.payload = payload;
        this.span = span;
        // Found SENDING: sent before by someone who never heard back.
        this.mayHaveArrived = entry.status() == LedgerStatus.SENDING;
        this.counted = entry.ambiguous();
    }

    LedgerEntry entry() {
        return entry;
    }

    ReplayCandidate candidate() {
        return candidate;
    }

    ReplayPayload payload() {
        return payload;
    }

    ReplaySpan span() {
        return span;
    }

    ReplayTarget target() {
        return entry.target();
    }

    long id() {
        return candidate.id();
    }

    boolean mayHaveArrived() {
        return mayHaveArrived;
    }

    void answerLost() {
        mayHaveArrived = true;
    }

    /** True the first time this entry counts as ambiguous (sent again when it may have arrived). */
    boolean countAsAmbiguous() {
        if (!mayHaveArrived || counted) {
            return false;
        }
        counted = true;
        return true;
    }

    int notAdded() {
        return notAdded;
    }

    void notAdded(int n) {
        notAdded = n;
    }
}
