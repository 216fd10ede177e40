package dev.dlqconsole.replay;

import dev.dlqconsole.parking.ReplayClaims;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The canary is out: watch the DLQs for it. If any canary message is parked again, the job pauses
 * and says why; after the watch window it goes on with the rest.
 */
final class CanaryWatch {

    // The executor's log category, as before it was split: one logger to follow a job by.
    private static final Logger log = LoggerFactory.getLogger(ReplayExecutor.class);

    private final ReplayLedger ledger;
    private final ReplayClaims claims;
    private final ReplayProperties properties;
    private final JobProgress progress;
    private final Clock clock;

    CanaryWatch(
            ReplayLedger ledger, ReplayClaims claims, ReplayProperties properties, JobProgress progress, Clock clock) {
        this.ledger = ledger;
        this.claims = claims;
        this.properties = properties;
        this.progress = progress;
        this.clock = clock;
    }

    /** One look at the job's canary, its watch started on the first. Returns false to stop running. */
    boolean watch(ReplayJob job) {
        if (job.canaryUntil() == null) {
            var until = clock.instant().plus(properties.canaryWatch());
            progress.watchCanaryUntil(job.id(), until);
            log.info(
                    "Replay job {} sent its canary of {}; watching the DLQs until {}",
                    job.id(),
                    job.canarySize(),
                    until);
            return true;
        }
        var cameBack = claims.cameBack(ledger.sentReplayIdsBelow(job.id(), job.canarySize()));
        if (cameBack.count() > 0) {
            var detail = String.format(
                    "Paused after the canary: %d of %d canary messages came back to a DLQ (%s)",
                    cameBack.count(),
                    job.canarySize(),
                    cameBack.sampleReason() == null ? "no reason recorded" : cameBack.sampleReason());
            progress.pauseIfRunning(job.id(), WaveSender.truncate(detail), clock.instant());
            log.warn("Replay job {}: {}", job.id(), detail);
            return false;
        }
        if (clock.instant().isBefore(job.canaryUntil())) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return true;
        }
        progress.canaryPassed(job.id(), clock.instant());
        log.info("Replay job {}: the canary stayed out of the DLQs; sending the rest", job.id());
        return true;
    }
}
