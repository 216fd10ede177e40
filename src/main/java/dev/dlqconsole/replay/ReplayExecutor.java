package dev.dlqconsole.replay;

import dev.dlqconsole.cluster.Lease;
import dev.dlqconsole.cluster.Leases;
import dev.dlqconsole.parking.ReplayCandidate;
import dev.dlqconsole.parking.ReplayClaims;
import dev.dlqconsole.sqs.SqsGateway;
import dev.dlqconsole.tracing.ReplaySpans;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through running jobs in the background: claim each wave and write SENDING, send in batches
 * of ten at the job's rate, then record SENT (or FAILED, and the job goes on). A job runs under its
 * lease, so one instance of a cluster works on it at a time, and every write carries the lease's
 * fencing token: an instance that lost the lease changes nothing. Whoever holds the lease next goes
 * on from the ledger, and sends SENDING entries (the outcome nobody knows) again with the same replay
 * id, counted as ambiguous (docs/decisions/007).
 *
 * <p>This class keeps the job loop and its threads; the wave work (claim, send, record) is {@link
 * WaveSender}'s, the hourly budget {@link BudgetMeter}'s and the watch of each ramp step (the canary first) {@link RampWatch}'s.
 */
@Component
class ReplayExecutor {

    private static final Logger log = LoggerFactory.getLogger(ReplayExecutor.class);
    /** Ledger entries read at a time at the highest rates. */
    private static final int CHUNK = 2_000;

    private final ReplayJobs jobs;
    private final ReplayLedger ledger;
    private final ReplayClaims claims;
    private final SqsGateway sqs;
    private final Clock clock;
    private final ReplayProperties properties;
    private final Leases leases;
    private final Fenced fenced;
    private final WaveSender waves;
    private final RampWatch watch;
    private volatile boolean stopping;
    private Instant lastAbandonedCheck = Instant.MIN;
    private final ExecutorService executor = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("replay-", 0).daemon(true).factory());
    private final ExecutorService senders;
    private final Map<Long, Boolean> running = new ConcurrentHashMap<>();

    ReplayExecutor(
            ReplayJobs jobs,
            ReplayLedger ledger,
            ReplayClaims claims,
            SqsGateway sqs,
            ReplaySpans spans,
            TransactionTemplate transaction,
            Clock clock,
            ReplayFaults faults,
            ReplayProperties properties,
            MeterRegistry meters,
            Leases leases) {
        this.jobs = jobs;
        this.ledger = ledger;
        this.claims = claims;
        this.sqs = sqs;
        this.clock = clock;
        this.properties = properties;
        this.leases = leases;
        this.fenced = new Fenced(transaction, leases);
        this.senders = Executors.newFixedThreadPool(
                properties.callsInFlight() * 2,
                Thread.ofPlatform().name("replay-send-", 0).daemon(true).factory());
        this.waves = new WaveSender(
                ledger, claims, jobs, sqs, spans, fenced, clock, faults, properties, meters, senders, () -> stopping);
        this.watch = new RampWatch(ledger, claims, clock);
    }

    @Scheduled(fixedDelayString = "${dlq-console.replay.poll:1s}")
    void startRunnableJobs() {
        for (var jobId : jobs.runningIds()) {
            if (stopping || running.putIfAbsent(jobId, true) != null) {
                continue;
            }
            Optional<Lease> lease = Optional.empty();
            try {
                lease = leases.tryAcquire(leaseName(jobId));
                if (lease.isEmpty()) {
                    running.remove(jobId); // another instance works on it
                    continue;
                }
                var held = lease.get();
                executor.submit(() -> {
                    try (held) {
                        run(jobId, held);
                    } catch (Fenced.LeaseLost e) {
                        log.info("Replay job {} left to the next holder of its lease: {}", jobId, e.getMessage());
                    } catch (RuntimeException e) {
                        log.warn("Replay job {} stopped: {}", jobId, e.toString());
                    } finally {
                        running.remove(jobId);
                    }
                });
            } catch (RuntimeException e) {
                // The database or the executor refused: try again at the next poll.
                lease.ifPresent(Lease::close);
                running.remove(jobId);
                log.warn("Could not start replay job {}: {}", jobId, e.toString());
            }
        }
        releaseAbandonedClaims();
    }

    /**
     * A job cancelled while the instance running it was dying: that instance never saw the cancel, so
     * the messages it had claimed would stay claimed. Once no instance holds the job's lease, give them
     * back (an instance that does hold it gives them back itself when it sees the cancel).
     */
    private void releaseAbandonedClaims() {
        var now = clock.instant();
        if (now.isBefore(lastAbandonedCheck.plus(leases.leaseDuration().dividedBy(3)))) {
            return;
        }
        lastAbandonedCheck = now;
        // A dead holder's lease outlives the cancel by at most one lease duration: look a little further.
        var since = now.minus(leases.leaseDuration().multipliedBy(3));
        for (var jobId : jobs.cancelledSince(since)) {
            try {
                giveBackIfIdle(jobId);
            } catch (RuntimeException e) {
                log.warn("Could not give back the claims of cancelled replay job {}: {}", jobId, e.toString());
            }
        }
    }

    /** Gives back what a cancelled job holds, unless an instance works on it (that one gives them back). */
    void giveBackIfIdle(long jobId) {
        leases.tryAcquire(leaseName(jobId)).ifPresent(lease -> {
            try (lease) {
                int released = fenced.write(lease, () -> giveBack(jobId));
                if (released > 0) {
                    log.info("Gave back {} messages that cancelled replay job {} still held", released, jobId);
                }
            }
        });
    }

    /**
     * The job is cancelled: every message it still holds waits in the parking lot again. One whose send
     * has an unknown outcome keeps its replay id for its next replay, and its entry says so. Runs in a
     * fenced transaction.
     */
    private int giveBack(long jobId) {
        var uncertain = ledger.sendingReplayIds(jobId);
        claims.releaseUncertain(uncertain, jobId);
        ledger.mark(
                jobId,
                uncertain.keySet(),
                LedgerStatus.UNKNOWN,
                "cancelled with the outcome of its send unknown; its next replay reuses this replay id",
                clock.instant());
        var held = claims.heldBy(jobId);
        claims.releaseAll(held, jobId);
        return uncertain.size() + held.size();
    }

    static String leaseName(long jobId) {
        return "replay job " + jobId;
    }

    /** Whether an instance of the cluster (this one or another) is working on the job right now. */
    boolean isWorkingOn(long jobId) {
        return running.containsKey(jobId) || leases.isHeld(leaseName(jobId));
    }

    /** The instance working on the job right now, if any. */
    Optional<String> workingOn(long jobId) {
        return leases.instanceHolding(leaseName(jobId));
    }

    private void run(long jobId, Lease lease) {
        var job = jobs.find(jobId).orElseThrow();
        var limiter = new RateLimiter(job.ratePerSecond());
        var batchSize = Math.min(10, job.ratePerSecond());
        // About two seconds of work per chunk, so a pause or cancel is seen within about two seconds.
        var chunkSize = Math.clamp(job.ratePerSecond() * 2L, 10, CHUNK);
        var budget = new BudgetMeter(ledger, properties, clock);
        var tally = new Tally(ledger.counts(jobId));
        var cursor = -1;
        var rescanned = false;
        while (true) {
            if (!lease.isValid() || stopping) {
                // Lost the lease (another instance may have the job now) or shutting down: leave the
                // job as it is; whoever holds the lease next recounts and goes on from the ledger.
                log.info("Replay job {} left to the next holder of its lease", jobId);
                return;
            }
            job = jobs.find(jobId).orElseThrow();
            if (job.status() != ReplayStatus.RUNNING) {
                var cancelled = job.status() == ReplayStatus.CANCELLED;
                fenced.run(lease, () -> {
                    if (cancelled) {
                        // Every wave this executor sent is recorded; what the job still holds goes back.
                        giveBack(jobId);
                    }
                    save(jobId, tally);
                });
                return;
            }
            int limit = chunkSize;
            var ramp = job.ramp();
            if (ramp.watching()) {
                if (!watchStep(job, tally, lease)) {
                    return;
                }
                continue;
            }
            if (!ramp.lastStep()) {
                int stepLeft = ramp.current().upTo() - tally.sent;
                if (stepLeft <= 0) {
                    startWatch(job, tally, lease);
                    continue;
                }
                limit = Math.min(limit, stepLeft);
            }
            var next = ledger.next(jobId, cursor, limit);
            if (next.isEmpty()) {
                if (cursor >= 0 && !rescanned) {
                    // Entries given back to PENDING behind the cursor (a FIFO group held back): once more.
                    cursor = -1;
                    rescanned = true;
                    continue;
                }
                if (!job.ramp().lastStep() && ledger.sentOutsideSteps(jobId)) {
                    startWatch(job, tally, lease); // fewer left to send than the step's size
                    continue;
                }
                finish(jobId, tally, lease);
                return;
            }
            rescanned = false;
            cursor = next.getLast().seq();
            var missing = next.stream()
                    .map(LedgerEntry::targetConnection)
                    .filter(connection -> connection != null && !sqs.hasConnection(connection))
                    .findFirst();
            if (missing.isPresent()) {
                pause(
                        jobId,
                        tally,
                        lease,
                        "Paused: no SQS connection is named '" + missing.get()
                                + "' (renamed or removed from the configuration?). Configure it again and"
                                + " resume, or cancel the job");
                return;
            }
            var candidates = new HashMap<Long, ReplayCandidate>();
            claims.candidates(next.stream().map(LedgerEntry::parkedMessageId).toList())
                    .forEach(c -> candidates.put(c.id(), c));
            var batches = Batches.of(next, batchSize, candidates);
            var overBudget = budget.exceeded(batches);
            if (overBudget.isPresent()) {
                pause(jobId, tally, lease, overBudget.get());
                return;
            }
            if (waves.sendWaves(job, batches, candidates, limiter, tally, lease) == WaveSender.Next.STOP) {
                fenced.run(lease, () -> save(jobId, tally));
                return;
            }
        }
    }

    /**
     * The step's messages are out: they are the step's in the ledger, and the DLQs are watched for them.
     * A step that sent nothing (the one before reached as far already) is passed at once.
     */
    private void startWatch(ReplayJob job, Tally tally, Lease lease) {
        var step = job.ramp().step();
        var until = clock.instant().plus(properties.stepWatch(step));
        int stamped = fenced.write(lease, () -> {
            save(job.id(), tally);
            int n = ledger.stampStep(job.id(), step);
            if (n == 0) {
                jobs.nextStep(job.id(), step, clock.instant());
                return 0;
            }
            jobs.watchStepUntil(job.id(), step, until);
            if (step == 0) {
                jobs.watchCanaryUntil(job.id(), until);
            }
            return n;
        });
        if (stamped > 0) {
            log.info(
                    "Replay job {} sent step {} of its ramp ({} messages); watching the DLQs until {}",
                    job.id(),
                    step + 1,
                    stamped,
                    until);
        }
    }

    /** One look at the step under watch. Returns false when the job stops (it paused). */
    private boolean watchStep(ReplayJob job, Tally tally, Lease lease) {
        var step = job.ramp().step();
        switch (watch.look(job)) {
            case RampWatch.Look.CameBack cameBack -> {
                fenced.run(lease, () -> jobs.stepBack(job.id(), step, cameBack.back()));
                pause(job.id(), tally, lease, cameBack.detail());
                return false;
            }
            case RampWatch.Look.Passed passed -> {
                fenced.run(lease, () -> {
                    if (step == 0) {
                        jobs.canaryPassed(job.id(), clock.instant());
                    }
                    jobs.stepBack(job.id(), step, passed.back());
                    jobs.nextStep(job.id(), step, clock.instant());
                });
                log.info("Replay job {}: step {} of its ramp passed its watch; going on", job.id(), step + 1);
                return true;
            }
            case RampWatch.Look.Watching watching -> {
                if (watching.back() != job.ramp().stepBack()) {
                    fenced.run(lease, () -> jobs.stepBack(job.id(), step, watching.back()));
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                return true;
            }
        }
    }

    private void pause(long jobId, Tally tally, Lease lease, String detail) {
        fenced.run(lease, () -> {
            save(jobId, tally);
            jobs.pauseIfRunning(jobId, detail, clock.instant());
        });
        log.warn("Replay job {}: {}", jobId, detail);
    }

    private void finish(long jobId, Tally tally, Lease lease) {
        var held = ledger.held(jobId);
        if (held > 0) {
            var failed = ledger.failedEntries(jobId).stream()
                    .filter(e -> e.groupId() != null)
                    .toList();
            var first = failed.isEmpty() ? null : failed.getFirst();
            pause(
                    jobId,
                    tally,
                    lease,
                    String.format(
                            "Paused: %d messages of %d FIFO groups wait behind a message that could not be sent%s."
                                    + " Retry the failed messages, or skip them and send the rest of their groups",
                            held,
                            failed.stream().map(LedgerEntry::groupId).distinct().count(),
                            first == null ? "" : " (message " + first.parkedMessageId() + ": " + first.detail() + ")"));
            return;
        }
        fenced.run(lease, () -> {
            var counts = new Tally(ledger.counts(jobId));
            save(jobId, counts);
            jobs.completeIfRunning(jobId, clock.instant());
        });
        log.info("Replay job {} completed", jobId);
    }

    private void save(long jobId, Tally tally) {
        jobs.counts(jobId, tally.sent, tally.skipped, tally.failed, tally.ambiguous, clock.instant());
    }

    /** Lets the waves in flight finish and be recorded, then hands the jobs over (their leases go). */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        executor.shutdown();
        if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
        senders.shutdownNow();
    }
}
