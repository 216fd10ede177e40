package dev.dlqconsole.replay;

import dev.dlqconsole.parking.ReplayCandidate;
import dev.dlqconsole.tracing.ReplaySpan;

/** An entry about to be sent, with its replay span; counts attributes that found no room. */
final class Prepared {
    private final LedgerEntry entry;
    private final ReplayCandidate candidate;
    private final ReplaySpan span;
    private int notAdded;

    Prepared(LedgerEntry entry, ReplayCandidate candidate, ReplaySpan span) {
        this.entry = entry;
        this.candidate = candidate;
        this.span = span;
    }

    LedgerEntry entry() {
        return entry;
    }

    ReplayCandidate candidate() {
        return candidate;
    }

    ReplaySpan span() {
        return span;
    }

    int notAdded() {
        return notAdded;
    }

    void notAdded(int n) {
        notAdded = n;
    }
}
