package dev.dlqconsole.replay;

import dev.dlqconsole.cluster.Lease;
import dev.dlqconsole.cluster.Leases;
import dev.dlqconsole.parking.ReplayCandidate;
import dev.dlqconsole.parking.ReplayClaims;
import dev.dlqconsole.sqs.BatchResult;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsCallException;
import dev.dlqconsole.sqs.SqsGateway;
import dev.dlqconsole.tracing.ReplaySpan;
import dev.dlqconsole.tracing.ReplaySpans;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 */
@Component
class ReplayExecutor {

    private static final Logger log = LoggerFactory.getLogger(ReplayExecutor.class);
    static final int SQS_ATTRIBUTE_LIMIT = 10;
    private static final int ATTEMPTS = 3;
    private static final long BATCH_BYTES = 1_000_000;
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
    private final SqsGateway sqs;
    private final ReplaySpans spans;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ReplayFaults faults;
    private final ReplayProperties properties;
    private final JobProgress progress;
    private final MeterRegistry meters;
    private final Leases leases;
    private volatile boolean stopping;
    private Instant lastAbandonedCheck = Instant.MIN;
    private final ExecutorService executor = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("replay-", 0).daemon(true).factory());
    private final ExecutorService senders = Executors.newFixedThreadPool(
            IN_FLIGHT * 2,
            Thread.ofPlatform().name("replay-send-", 0).daemon(true).factory());
    private final Map<Long, Boolean> running = new ConcurrentHashMap<>();
    private final Map<String, String> urls = new ConcurrentHashMap<>();

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
        this.meters = meters;
        this.faults = faults;
        this.properties = properties;
        this.jobs = jobs;
        this.ledger = ledger;
        this.claims = claims;
        this.sqs = sqs;
        this.spans = spans;
        this.transaction = transaction;
        this.clock = clock;
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
        var budget = new BudgetMeter();
        // What earlier holders found ambiguous stays counted: a takeover adds to it.
        var tally = new Tally(ledger.counts(jobId), job.ambiguous());
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
                if (!watchCanary(job)) {
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
            var batches = batches(next, batchSize, candidates);
            if (budget.exceeded(job, batches)) {
                tally.save(jobId);
                return;
            }
            if (!sendWaves(job, batches, candidates, limiter, tally, lease)) {
                return;
            }
            if (clock.instant().isAfter(lastCount.plusSeconds(1))) {
                tally.save(jobId);
                lastCount = clock.instant();
            }
        }
    }

    /**
     * Sends the batches in waves of up to {@link #IN_FLIGHT} batches: each wave is claimed and marked
     * SENDING in one transaction before it leaves, sent (side by side for standard queues, one after
     * another for FIFO so each group keeps its order), and recorded in one transaction after SQS
     * answered. A crash can leave at most one wave ({@link #IN_FLIGHT_WINDOW} messages) sent but not
     * recorded: the only ones that can arrive twice, with the same replay id. Returns false when
     * interrupted or when the job's lease is no longer this instance's.
     */
    private boolean sendWaves(
            ReplayJob job,
            List<List<LedgerEntry>> batches,
            Map<Long, ReplayCandidate> candidates,
            RateLimiter limiter,
            Tally tally,
            Lease lease) {
        var waves = new ArrayList<List<List<LedgerEntry>>>();
        for (int from = 0; from < batches.size(); from += IN_FLIGHT) {
            waves.add(batches.subList(from, Math.min(batches.size(), from + IN_FLIGHT)));
        }
        for (var wave : waves) {
            if (!lease.isValid() || stopping) {
                return false;
            }
            if (progress.status(job.id()) != ReplayStatus.RUNNING) {
                return true; // paused or cancelled meanwhile: the run loop sees it and stops
            }
            var prepared = claim(job, wave, candidates, tally, lease);
            if (prepared == null) {
                return false; // the lease is gone: whoever has it now goes on from the ledger
            }
            List<Future<Outcome>> sending;
            try {
                sending = submit(job, wave, prepared, limiter);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            record(job, collect(sending), tally);
        }
        return true;
    }

    private List<Future<Outcome>> submit(
            ReplayJob job, List<List<LedgerEntry>> wave, Map<Long, Prepared> prepared, RateLimiter limiter)
            throws InterruptedException {
        var outcomes = new ArrayList<Future<Outcome>>();
        for (var batch : wave) {
            var toSend = batch.stream()
                    .map(e -> prepared.get(e.parkedMessageId()))
                    .filter(java.util.Objects::nonNull)
                    .toList();
            if (toSend.isEmpty()) {
                continue;
            }
            limiter.acquire(toSend.size());
            if (toSend.getFirst().entry().targetQueue().endsWith(".fifo")) {
                outcomes.add(CompletableFuture.completedFuture(send(job, toSend)));
            } else {
                outcomes.add(senders.submit(() -> send(job, toSend)));
            }
        }
        return outcomes;
    }

    private static Outcome collect(List<Future<Outcome>> outcomes) {
        var all = new Outcome();
        for (var outcome : outcomes) {
            all.add(await(outcome));
        }
        return all;
    }

    /** Waits for one batch; a crash in it stops the job here, as it would the JVM. */
    private static Outcome await(Future<Outcome> outcome) {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * The canary is out: watch the DLQs for it. If any canary message is parked again, the job pauses
     * and says why; after the watch window it goes on with the rest. Returns false to stop running.
     */
    private boolean watchCanary(ReplayJob job) {
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
            progress.pauseIfRunning(job.id(), truncate(detail), clock.instant());
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

    /**
     * All jobs together may send at most the hourly budget to one queue. The meter reads what was
     * sent in the last hour every few seconds and counts this job's own sends in between; a chunk
     * that would go past the budget pauses the job instead, with the reason.
     */
    private final class BudgetMeter {

        private final Map<String, Integer> sent = new HashMap<>();
        private Instant readAt = Instant.MIN;

        boolean exceeded(ReplayJob job, List<List<LedgerEntry>> batches) {
            var perTarget = new HashMap<String, Integer>();
            batches.forEach(b -> perTarget.merge(b.getFirst().targetQueue(), b.size(), Integer::sum));
            var now = clock.instant();
            if (now.isAfter(readAt.plusSeconds(5))) {
                sent.clear();
                readAt = now;
            }
            for (var e : perTarget.entrySet()) {
                var already = sent.computeIfAbsent(
                        e.getKey(), target -> ledger.sentTo(target, now.minus(Duration.ofHours(1))));
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

    /**
     * Consecutive entries with the same target, at most {@code size} each and at most SQS's 1 MiB per
     * batch request, so the send order holds and one big message cannot sink nine small ones.
     */
    private static List<List<LedgerEntry>> batches(
            List<LedgerEntry> entries, int size, Map<Long, ReplayCandidate> candidates) {
        var batches = new ArrayList<List<LedgerEntry>>();
        var current = new ArrayList<LedgerEntry>();
        long bytes = 0;
        for (var entry : entries) {
            var candidate = candidates.get(entry.parkedMessageId());
            long entryBytes = candidate == null ? 0 : approximateSize(candidate);
            if (!current.isEmpty()
                    && (current.size() == size
                            || !java.util.Objects.equals(current.getFirst().targetQueue(), entry.targetQueue())
                            || bytes + entryBytes > BATCH_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(entry);
            bytes += entryBytes;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private static long approximateSize(ReplayCandidate candidate) {
        long size = candidate.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 300;
        for (var e : candidate.attributes().entrySet()) {
            size += e.getKey().length() + e.getValue().dataType().length();
            size += e.getValue().stringValue() != null
                    ? e.getValue().stringValue().length()
                    : 0;
            size += e.getValue().binaryValue() != null ? e.getValue().binaryValue().length : 0;
        }
        return size;
    }

    /**
     * One transaction before anything leaves: confirm the job's lease (locking its row, so a takeover
     * waits for this commit and then finds the wave SENDING), claim the messages (the guard against two
     * jobs, or a double click, sending one twice) and mark them SENDING. Returns what may be sent, with
     * a replay span each, by parked message id; null when the lease is no longer this instance's.
     */
    private @Nullable Map<Long, Prepared> claim(
            ReplayJob job,
            List<List<LedgerEntry>> wave,
            Map<Long, ReplayCandidate> candidates,
            Tally tally,
            Lease lease) {
        var entries = wave.stream().flatMap(List::stream).toList();
        var prepared = new HashMap<Long, Prepared>();
        var now = clock.instant();
        var fenced = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!leases.confirm(lease)) {
                return false; // another instance has the job now: send nothing of this wave
            }
            var gone = new ArrayList<Long>();
            var present = new ArrayList<Long>();
            for (var entry : entries) {
                (candidates.containsKey(entry.parkedMessageId()) ? present : gone).add(entry.parkedMessageId());
            }
            ledger.markAll(job.id(), gone, LedgerStatus.FAILED, "the parked message is gone", now);
            var claimed = claims.claimAll(present, job.id(), job.forced());
            var lost = present.stream().filter(id -> !claimed.contains(id)).toList();
            ledger.markAll(job.id(), lost, LedgerStatus.SKIPPED, "already replayed or claimed by another job", now);
            ledger.markAll(job.id(), List.copyOf(claimed), LedgerStatus.SENDING, null, now);
            for (var entry : entries) {
                if (claimed.contains(entry.parkedMessageId())) {
                    prepared.put(
                            entry.parkedMessageId(),
                            new Prepared(entry, candidates.get(entry.parkedMessageId()), null));
                }
            }
            tally.failed += gone.size();
            tally.skipped += lost.size();
            return true;
        }));
        if (!fenced) {
            return null;
        }
        prepared.replaceAll((id, p) -> new Prepared(
                p.entry(),
                p.candidate(),
                spans.start(p.candidate().trace(), p.entry().replayId())));
        return prepared;
    }

    /** One SendMessageBatch with retries for throttling and server errors; nothing written here. */
    private Outcome send(ReplayJob job, List<Prepared> toSend) {
        var outcome = new Outcome();
        var connection = toSend.getFirst().candidate().connection();
        var target = toSend.getFirst().entry().targetQueue();
        try {
            var url = urls.computeIfAbsent(connection + "/" + target, key -> sqs.queueUrl(connection, target));
            var fifo = target.endsWith(".fifo");
            var remaining = new LinkedHashMap<String, Prepared>();
            for (int i = 0; i < toSend.size(); i++) {
                remaining.put(Integer.toString(i), toSend.get(i));
            }
            for (int attempt = 1; attempt <= ATTEMPTS && !remaining.isEmpty(); attempt++) {
                var messages = new ArrayList<OutgoingMessage>();
                remaining.forEach((id, p) -> messages.add(outgoing(id, p, fifo)));
                BatchResult result;
                try {
                    result = sqs.sendBatch(connection, url, messages);
                } catch (RuntimeException e) {
                    // The whole call failed (throttled for good, network, a request SQS cannot take):
                    // these entries fail for now, and the claim is released when the wave is recorded.
                    remaining.values().forEach(p -> outcome.failed.put(p, String.valueOf(e.getMessage())));
                    remaining.clear();
                    break;
                }
                faults.afterSend(job.id());
                for (var id : result.succeeded()) {
                    var p = remaining.remove(id);
                    p.span().sent(result.messageIds().getOrDefault(id, ""));
                    outcome.sent.put(p, result.messageIds().getOrDefault(id, ""));
                }
                var retry = new LinkedHashMap<String, Prepared>();
                result.failed().forEach((id, error) -> {
                    var p = remaining.get(id);
                    if (retryable(error)) {
                        retry.put(id, p);
                    } else {
                        outcome.failed.put(p, error);
                    }
                });
                remaining.clear();
                remaining.putAll(retry);
                if (!remaining.isEmpty()) {
                    backoff(attempt);
                }
            }
            remaining
                    .values()
                    .forEach(p -> outcome.failed.put(p, "SQS kept refusing it after " + ATTEMPTS + " attempts"));
        } catch (SqsCallException e) {
            // No queue URL (no such queue, no permission, network): every entry fails for now.
            toSend.stream()
                    .filter(p -> !outcome.sent.containsKey(p))
                    .forEach(p -> outcome.failed.put(p, e.getMessage()));
        }
        outcome.failed.forEach((p, error) -> p.span().failed(new IllegalStateException(error)));
        return outcome;
    }

    private OutgoingMessage outgoing(String id, Prepared p, boolean fifo) {
        var candidate = p.candidate();
        var attributes = new LinkedHashMap<>(candidate.attributes());
        var extra = new LinkedHashMap<String, MessageAttribute>();
        extra.put("dlq-replay-id", MessageAttribute.string(p.entry().replayId()));
        extra.put("dlq-replay-count", MessageAttribute.number(candidate.replayCount() + 1L));
        extra.put("dlq-original-message-id", MessageAttribute.string(candidate.sqsMessageId()));
        extra.put("traceparent", MessageAttribute.string(p.span().traceparent()));
        int notAdded = 0;
        for (var e : extra.entrySet()) {
            if (attributes.containsKey(e.getKey()) || attributes.size() < SQS_ATTRIBUTE_LIMIT) {
                attributes.put(e.getKey(), e.getValue());
            } else {
                notAdded++;
            }
        }
        if (notAdded > 0) {
            p.notAdded(notAdded);
        }
        return new OutgoingMessage(
                id,
                candidate.body(),
                attributes,
                fifo ? (candidate.groupId() == null ? "dlq-console-replay" : candidate.groupId()) : null,
                fifo ? p.entry().replayId() : null);
    }

    /** One transaction after a wave: SENT with SQS's message ids, FAILED with the error, and the messages' status. */
    private void record(ReplayJob job, Outcome outcome, Tally tally) {
        var now = clock.instant();
        var sentRows = new ArrayList<String[]>();
        int notAdded = 0;
        for (var e : outcome.sent.entrySet()) {
            var p = e.getKey();
            sentRows.add(new String[] {
                Long.toString(p.candidate().id()), e.getValue(), p.span().traceId()
            });
            notAdded += p.notAdded();
        }
        var failedRows = new ArrayList<String[]>();
        outcome.failed.forEach((p, error) ->
                failedRows.add(new String[] {Long.toString(p.candidate().id()), truncate(error)}));
        var more = notAdded;
        transaction.executeWithoutResult(status -> {
            ledger.markSentAll(job.id(), sentRows, now);
            claims.replayedAll(
                    outcome.sent.keySet().stream().map(p -> p.candidate().id()).toList(),
                    job.id(),
                    job.createdBy(),
                    now);
            ledger.markFailedAll(job.id(), failedRows, now);
            claims.releaseAll(
                    outcome.failed.keySet().stream()
                            .map(p -> p.candidate().id())
                            .toList(),
                    job.id());
            if (more > 0) {
                progress.attributesNotAdded(job.id(), more);
            }
        });
        tally.sent += sentRows.size();
        tally.failed += failedRows.size();
        count("dlq.console.replay.sent", outcome.sent.keySet());
        count("dlq.console.replay.failed", outcome.failed.keySet());
    }

    /** dlq_console_replay_sent_total / _failed_total per target queue, once the wave is recorded. */
    private void count(String counter, java.util.Set<Prepared> entries) {
        var perTarget = new HashMap<String, Integer>();
        entries.forEach(p -> perTarget.merge(String.valueOf(p.entry().targetQueue()), 1, Integer::sum));
        perTarget.forEach(
                (target, n) -> meters.counter(counter, "target", target).increment(n));
    }

    private void finish(long jobId, Tally tally) {
        new Tally(ledger.counts(jobId), tally.ambiguous).save(jobId);
        progress.completeIfRunning(jobId, clock.instant());
        log.info("Replay job {} completed", jobId);
    }

    private static boolean retryable(String error) {
        var e = error.toLowerCase();
        return e.contains("throttl") || e.contains("internal") || e.contains("unavailable") || e.contains("timeout");
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep((long) (100 * Math.pow(2, attempt) * (0.5 + Math.random())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String truncate(String error) {
        return error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 999) + "…" : error;
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

    /** What one or more batches did: sent with SQS's message id, or failed with the error. */
    private static final class Outcome {
        final Map<Prepared, String> sent = new LinkedHashMap<>();
        final Map<Prepared, String> failed = new LinkedHashMap<>();

        void add(Outcome other) {
            sent.putAll(other.sent);
            failed.putAll(other.failed);
        }
    }

    /** A job's counts, kept as it runs and written to the job about once a second. */
    private final class Tally {
        int sent;
        int skipped;
        int failed;
        int ambiguous;

        Tally(Map<LedgerStatus, Integer> counts) {
            this(counts, 0);
        }

        Tally(Map<LedgerStatus, Integer> counts, int ambiguous) {
            sent = counts.getOrDefault(LedgerStatus.SENT, 0);
            skipped = counts.getOrDefault(LedgerStatus.SKIPPED, 0);
            failed = counts.getOrDefault(LedgerStatus.FAILED, 0);
            this.ambiguous = ambiguous;
        }

        void save(long jobId) {
            progress.counts(jobId, sent, skipped, failed, ambiguous, clock.instant());
        }
    }

    /** An entry about to be sent, with its replay span; counts attributes that found no room. */
    private static final class Prepared {
        private final LedgerEntry entry;
        private final ReplayCandidate candidate;
        private final ReplaySpan span;
        private int notAdded;

        Prepared(LedgerEntry entry, ReplayCandidate candidate, ReplaySpan span) {
            this.entry = entry;
            this.candidate = candidate;
            this.span = span;
        }

        LedgerEntry entry() {
            return entry;
        }

        ReplayCandidate candidate() {
            return candidate;
        }

        ReplaySpan span() {
            return span;
        }

        int notAdded() {
            return notAdded;
        }

        void notAdded(int n) {
            notAdded = n;
        }
    }
}
