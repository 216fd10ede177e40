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
 * Works through running jobs in the background: claim each message, write SENDING in the ledger,
 * send in batches of ten at the job's rate, then record SENT (or FAILED, and the job goes on). A job
 * found RUNNING after a restart simply continues; its SENDING entries are sent again with the same
 * replay id, and counted as ambiguous. A job runs under its lease, so one instance of a cluster works
 * on it at a time; when that instance dies, another takes the job over the same way once the lease
 * expires.
 *
 * <p>This class keeps the job loop and its threads; the wave work (claim, send, record) is {@link
 * WaveSender}'s, the hourly budget {@link BudgetMeter}'s and the canary's watch {@link CanaryWatch}'s.
 */
@Component
class ReplayExecutor {

    private static final Logger log = LoggerFactory.getLogger(ReplayExecutor.class);
    /** SendMessageBatch calls in flight per job for standard queues. */
    static final int IN_FLIGHT = 4;
    /**
     * Messages a crash can leave sent but not recorded, and entries it can leave SENDING: one wave,
     * the in-flight window of DESIGN.md (batch size × concurrency).
     */
    static final int IN_FLIGHT_WINDOW = IN_FLIGHT * 10;
    /** Ledger entries read at a time at the highest rates. */
    private static final int CHUNK = 400;

    private final ReplayJobs jobs;
    private final ReplayLedger ledger;
    private final ReplayClaims claims;
    private final Clock clock;
    private final ReplayProperties properties;
    private final JobProgress progress;
    private final Leases leases;
    private final WaveSender waves;
    private final CanaryWatch canary;
    private volatile boolean stopping;
    private Instant lastAbandonedCheck = Instant.MIN;
    private final ExecutorService executor = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("replay-", 0).daemon(true).factory());
    private final ExecutorService senders = Executors.newFixedThreadPool(
            IN_FLIGHT * 2,
            Thread.ofPlatform().name("replay-send-", 0).daemon(true).factory());
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
            JobProgress progress,
            MeterRegistry meters,
            Leases leases) {
        this.leases = leases;
        this.progress = progress;
        this.properties = properties;
        this.jobs = jobs;
        this.ledger = ledger;
        this.claims = claims;
        this.clock = clock;
        this.waves = new WaveSender(
                ledger,
                claims,
                sqs,
                spans,
                transaction,
                clock,
                faults,
                progress,
                meters,
                leases,
                senders,
                () -> stopping);
        this.canary = new CanaryWatch(ledger, claims, properties, progress, clock);
    }

    @Scheduled(fixedDelayString = "${dlq-console.replay.poll:1s}")
    void startRunnableJobs() {
        for (var job : jobs.findByStatusOrderByIdAsc(ReplayStatus.RUNNING)) {
            if (stopping || running.putIfAbsent(job.id(), true) != null) {
                continue;
            }
            Optional<Lease> lease = Optional.empty();
            try {
                lease = leases.tryAcquire(leaseName(job.id()));
                if (lease.isEmpty()) {
                    running.remove(job.id()); // another instance works on it
                    continue;
                }
                var held = lease.get();
                executor.submit(() -> {
                    try (held) {
                        run(job.id(), held);
                    } catch (RuntimeException e) {
                        log.warn("Replay job {} stopped: {}", job.id(), e.toString());
                    } finally {
                        running.remove(job.id());
                    }
                });
            } catch (RuntimeException e) {
                // The database or the executor refused: try again at the next poll.
                lease.ifPresent(Lease::close);
                running.remove(job.id());
                log.warn("Could not start replay job {}: {}", job.id(), e.toString());
            }
        }
        releaseAbandonedClaims();
    }

    /**
     * A job cancelled while the instance running it was dying: that instance never saw the cancel, so
     * the messages it had claimed would stay claimed. Once no instance holds the job's lease, give them
     * back (an instance that does hold it releases them itself when it sees the cancel).
     */
    private void releaseAbandonedClaims() {
        var now = clock.instant();
        if (now.isBefore(lastAbandonedCheck.plus(leases.leaseDuration().dividedBy(3)))) {
            return;
        }
        lastAbandonedCheck = now;
        // A dead holder's lease outlives the cancel by at most one lease duration: look a little further.
        var since = now.minus(leases.leaseDuration().multipliedBy(3));
        for (var job : jobs.findByStatusAndFinishedAtAfter(ReplayStatus.CANCELLED, since)) {
            long jobId = job.id();
            try {
                leases.tryAcquire(leaseName(jobId)).ifPresent(lease -> {
                    try (lease) {
                        int released = claims.releaseJob(jobId);
                        if (released > 0) {
                            log.info("Gave back {} messages that cancelled replay job {} still held", released, jobId);
                        }
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Could not give back the claims of cancelled replay job {}: {}", jobId, e.toString());
            }
        }
    }

    static String leaseName(long jobId) {
        return "replay job " + jobId;
    }

    /** Whether an instance of the cluster (this one or another) is working on the job right now. */
    boolean isWorkingOn(long jobId) {
        return running.containsKey(jobId) || leases.isHeld(leaseName(jobId));
    }

    /** The instance working on the job right now, if any. */
    java.util.Optional<String> workingOn(long jobId) {
        return leases.instanceHolding(leaseName(jobId));
    }

    private void run(long jobId, Lease lease) {
        var job = jobs.findById(jobId).orElseThrow();
        var limiter = new RateLimiter(job.ratePerSecond());
        var batchSize = Math.min(10, job.ratePerSecond());
        // About two seconds of work per chunk, so a pause or cancel is seen within about two seconds.
        var chunkSize = Math.clamp(job.ratePerSecond() * 2L, 10, CHUNK);
        var budget = new BudgetMeter(ledger, properties, progress, clock);
        // What earlier holders found ambiguous stays counted: a takeover adds to it.
        var tally = new Tally(progress, clock, ledger.counts(jobId), job.ambiguous());
        var cursor = -1;
        var lastCount = Instant.MIN;
        while (true) {
            if (!lease.isValid() || stopping) {
                // Lost the lease (another instance may have the job now) or shutting down: leave the
                // job as it is; whoever holds the lease next recounts and goes on from the ledger.
                log.info("Replay job {} left to the next holder of its lease", jobId);
                return;
            }
            job = jobs.findById(jobId).orElseThrow();
            if (job.status() != ReplayStatus.RUNNING) {
                if (job.status() == ReplayStatus.CANCELLED) {
                    // Every wave this executor sent is recorded; what the job still holds goes back.
                    claims.releaseJob(jobId);
                }
                tally.save(jobId);
                return;
            }
            var seqBelow = job.inCanary() ? job.canarySize() : Integer.MAX_VALUE;
            var next = ledger.next(jobId, cursor, seqBelow, chunkSize);
            if (next.isEmpty() && job.inCanary()) {
                if (!canary.watch(job)) {
                    tally.save(jobId);
                    return;
                }
                continue;
            }
            if (next.isEmpty()) {
                finish(jobId, tally);
                return;
            }
            cursor = next.getLast().seq();
            tally.ambiguous += (int) next.stream()
                    .filter(e -> e.status() == LedgerStatus.SENDING)
                    .count();
            var candidates = new HashMap<Long, ReplayCandidate>();
            claims.candidates(next.stream().map(LedgerEntry::parkedMessageId).toList())
                    .forEach(c -> candidates.put(c.id(), c));
            var batches = Batches.of(next, batchSize, candidates);
            if (budget.exceeded(job, batches)) {
                tally.save(jobId);
                return;
            }
            if (!waves.sendWaves(job, batches, candidates, limiter, tally, lease)) {
                return;
            }
            if (clock.instant().isAfter(lastCount.plusSeconds(1))) {
                tally.save(jobId);
                lastCount = clock.instant();
            }
        }
    }

    private void finish(long jobId, Tally tally) {
        new Tally(progress, clock, ledger.counts(jobId), tally.ambiguous).save(jobId);
        progress.completeIfRunning(jobId, clock.instant());
        log.info("Replay job {} completed", jobId);
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
