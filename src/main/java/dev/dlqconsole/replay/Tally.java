package dev.dlqconsole.replay;

/** A job's counts, kept as it runs (from its ledger at the start) and written to the job about once a second. */
final class Tally {

    int sent;
    int skipped;
    int failed;
    int ambiguous;

    Tally(ReplayLedger.Counts counts) {
        sent = counts.of(LedgerStatus.SENT);
        skipped = counts.of(LedgerStatus.SKIPPED);
        failed = counts.of(LedgerStatus.FAILED) + counts.of(LedgerStatus.UNKNOWN);
        ambiguous = counts.ambiguous();
    }
}
