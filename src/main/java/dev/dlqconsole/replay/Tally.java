package dev.dlqconsole.replay;

import java.time.Instant;

/** A job's counts, kept as it runs (from its ledger at the start) and written to the job about once a second. */
final class Tally {

    int sent;
    int skipped;
    int failed;
    int ambiguous;
    private Instant savedAt = Instant.MIN;

    Tally(ReplayLedger.Counts counts) {
        sent = counts.of(LedgerStatus.SENT);
        skipped = counts.of(LedgerStatus.SKIPPED);
        failed = counts.of(LedgerStatus.FAILED) + counts.of(LedgerStatus.UNKNOWN);
        ambiguous = counts.ambiguous();
    }

    /** What came back from SQS, counted. */
    void count(Outcome outcome) {
        sent += outcome.sent.size();
        failed += outcome.failed.size();
        for (var p : outcome.sent.keySet()) {
            ambiguous += p.countAsAmbiguous() ? 1 : 0;
        }
        for (var p : outcome.unknown.keySet()) {
            ambiguous += p.countAsAmbiguous() ? 1 : 0;
        }
    }

    /** True about once a second: time to write the counts to the job (and remembered as written). */
    boolean dueForSave(Instant now) {
        if (now.isBefore(savedAt.plusSeconds(1))) {
            return false;
        }
        savedAt = now;
        return true;
    }
}
