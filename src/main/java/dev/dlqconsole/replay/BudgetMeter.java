package dev.dlqconsole.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All jobs together may send at most the hourly budget to one queue. The meter reads what was
 * sent in the last hour every few seconds and counts this job's own sends in between; a chunk
 * that would go past the budget pauses the job instead, with the reason. One meter per job run.
 */
final class BudgetMeter {

    // The executor's log category, as before it was split: one logger to follow a job by.
    private static final Logger log = LoggerFactory.getLogger(ReplayExecutor.class);

    private final ReplayLedger ledger;
    private final ReplayProperties properties;
    private final JobProgress progress;
    private final Clock clock;
    private final Map<String, Integer> sent = new HashMap<>();
    private Instant readAt = Instant.MIN;

    BudgetMeter(ReplayLedger ledger, ReplayProperties properties, JobProgress progress, Clock clock) {
        this.ledger = ledger;
        this.properties = properties;
        this.progress = progress;
        this.clock = clock;
    }

    boolean exceeded(ReplayJob job, List<List<LedgerEntry>> batches) {
        var perTarget = new HashMap<String, Integer>();
        batches.forEach(b -> perTarget.merge(b.getFirst().targetQueue(), b.size(), Integer::sum));
        var now = clock.instant();
        if (now.isAfter(readAt.plusSeconds(5))) {
            sent.clear();
            readAt = now;
        }
        for (var e : perTarget.entrySet()) {
            var already =
                    sent.computeIfAbsent(e.getKey(), target -> ledger.sentTo(target, now.minus(Duration.ofHours(1))));
            if (already + e.getValue() > properties.budgetPerHour()) {
                var detail = String.format(
                        "Paused: the hourly replay budget of %,d messages to %s is used up"
                                + " (dlq-console.replay.budget-per-hour)",
                        properties.budgetPerHour(), e.getKey());
                progress.pauseIfRunning(job.id(), detail, now);
                log.warn("Replay job {}: {}", job.id(), detail);
                return true;
            }
        }
        perTarget.forEach((target, n) -> sent.merge(target, n, Integer::sum));
        return false;
    }
}
