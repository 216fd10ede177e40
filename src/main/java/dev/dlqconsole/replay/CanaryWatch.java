package dev.dlqconsole.replay;

import dev.dlqconsole.parking.ReplayClaims;
import java.time.Clock;

/**
 * The canary is out: watch the DLQs for it. If any canary message is parked again, the job pauses
 * and says why; after the watch window it goes on with the rest. The canary is every message the job
 * has sent when the watch starts: its first {@code canarySize} actual sends.
 */
final class CanaryWatch {

    /** What one look at the canary found. */
    sealed interface Look {
        record Watching() implements Look {}

        record Passed() implements Look {}

        record CameBack(String detail) implements Look {}
    }

    private final ReplayLedger ledger;
    private final ReplayClaims claims;
    private final Clock clock;

    CanaryWatch(ReplayLedger ledger, ReplayClaims claims, Clock clock) {
        this.ledger = ledger;
        this.claims = claims;
        this.clock = clock;
    }

    Look look(ReplayJob job) {
        var canary = ledger.sentReplayIds(job.id());
        var cameBack = claims.cameBack(canary);
        if (cameBack.count() > 0) {
            return new Look.CameBack(String.format(
                    "Paused after the canary: %d of %d canary messages came back to a DLQ (%s)",
                    cameBack.count(),
                    canary.size(),
                    cameBack.sampleReason() == null ? "no reason recorded" : cameBack.sampleReason()));
        }
        if (job.canaryUntil() != null && clock.instant().isBefore(job.canaryUntil())) {
            return new Look.Watching();
        }
        return new Look.Passed();
    }
}
