package dev.dlqconsole.replay;

import dev.dlqconsole.parking.ReplayClaims;
import java.time.Clock;

/**
 * A step of the ramp is out: watch the DLQs for its messages (docs/decisions/018). The canary (step 0)
 * pauses the job at the first message back; a later step when the share of its messages that came
 * back crosses the job's threshold. After the watch window the job goes on with the next step.
 */
final class RampWatch {

    /** What one look at the step found. */
    sealed interface Look {
        record Watching(int back) implements Look {}

        record Passed(int back) implements Look {}

        record CameBack(int back, String detail) implements Look {}
    }

    private final ReplayLedger ledger;
    private final ReplayClaims claims;
    private final Clock clock;

    RampWatch(ReplayLedger ledger, ReplayClaims claims, Clock clock) {
        this.ledger = ledger;
        this.claims = claims;
        this.clock = clock;
    }

    Look look(ReplayJob job) {
        var ramp = job.ramp();
        var sent = ledger.sentReplayIds(job.id(), ramp.step());
        var cameBack = claims.cameBack(sent);
        var reason = cameBack.sampleReason() == null ? "no reason recorded" : cameBack.sampleReason();
        if (ramp.crossed(cameBack.count(), sent.size())) {
            if (ramp.step() == 0) {
                return new Look.CameBack(
                        cameBack.count(),
                        String.format(
                                "Paused after the canary: %d of %d canary messages came back to a DLQ (%s)",
                                cameBack.count(), sent.size(), reason));
            }
            return new Look.CameBack(
                    cameBack.count(),
                    String.format(
                            "Paused at step %d of %d (%d%%): %d of %d messages of the step came back to a DLQ (%.1f%%,"
                                    + " above the %d%% threshold; %s)",
                            ramp.step() + 1,
                            ramp.steps().size(),
                            ramp.current().percent(),
                            cameBack.count(),
                            sent.size(),
                            cameBack.count() * 100.0 / Math.max(1, sent.size()),
                            ramp.threshold(),
                            reason));
        }
        if (ramp.stepUntil() != null && clock.instant().isBefore(ramp.stepUntil())) {
            return new Look.Watching(cameBack.count());
        }
        return new Look.Passed(cameBack.count());
    }
}
