package dev.dlqconsole.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All jobs together may send at most the hourly budget to one (connection, queue). The meter reads
 * what was sent in the last hour every few seconds and counts this job's own sends in between; a chunk
 * that would go past the budget is not sent, and the job pauses with the reason. One meter per run.
 */
final class BudgetMeter {

    private final ReplayLedger ledger;
    private final ReplayProperties properties;
    private final Clock clock;
    private final Map<ReplayTarget, Integer> sent = new HashMap<>();
    private Instant readAt = Instant.MIN;

    BudgetMeter(ReplayLedger ledger, ReplayProperties properties, Clock clock) {
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    /** Why the batches would go past a budget, or empty: then they are counted as sent. */
    Optional<String> exceeded(List<List<LedgerEntry>> batches) {
        var perTarget = new HashMap<ReplayTarget, Integer>();
        batches.forEach(b -> perTarget.merge(b.getFirst().target(), b.size(), Integer::sum));
        var now = clock.instant();
        if (now.isAfter(readAt.plusSeconds(5))) {
            sent.clear();
            readAt = now;
        }
        for (var e : perTarget.entrySet()) {
            var already =
                    sent.computeIfAbsent(e.getKey(), target -> ledger.sentTo(target, now.minus(Duration.ofHours(1))));
            if (already + e.getValue() > properties.budgetPerHour()) {
                return Optional.of(String.format(
                        "Paused: the hourly replay budget of %,d messages to %s is used up"
                                + " (dlq-console.replay.budget-per-hour)",
                        properties.budgetPerHour(), e.getKey()));
            }
        }
        perTarget.forEach((target, n) -> sent.merge(target, n, Integer::sum));
        return Optional.empty();
    }
}
