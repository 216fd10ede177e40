package dev.dlqconsole.replay;

import java.time.Clock;
import java.util.Map;

/** A job's counts, kept as it runs and written to the job about once a second. */
final class Tally {

    private final JobProgress progress;
    private final Clock clock;
    int sent;
    int skipped;
    int failed;
    int ambiguous;

    Tally(JobProgress progress, Clock clock, Map<LedgerStatus, Integer> counts, int ambiguous) {
        this.progress = progress;
        this.clock = clock;
        sent = counts.getOrDefault(LedgerStatus.SENT, 0);
        skipped = counts.getOrDefault(LedgerStatus.SKIPPED, 0);
        failed = counts.getOrDefault(LedgerStatus.FAILED, 0);
        this.ambiguous = ambiguous;
    }

    void save(long jobId) {
        progress.counts(jobId, sent, skipped, failed, ambiguous, clock.instant());
    }
}
