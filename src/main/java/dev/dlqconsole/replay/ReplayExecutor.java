package dev.dlqconsole.replay;

import dev.dlqconsole.parking.ReplayCandidate;
import dev.dlqconsole.parking.ReplayClaims;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsCallException;
import dev.dlqconsole.sqs.SqsGateway;
import dev.dlqconsole.tracing.ReplaySpan;
import dev.dlqconsole.tracing.ReplaySpans;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through running jobs in the background: claim each message, write SENDING in the ledger,
 * send in batches of ten at the job's rate, then record SENT (or FAILED, and the job goes on). A job
 * found RUNNING after a restart simply continues; its SENDING entries are sent again with the same
 * replay id, and counted as ambiguous.
 */
@Component
class ReplayExecutor {

    private static final Logger log = LoggerFactory.getLogger(ReplayExecutor.class);
    static final int SQS_ATTRIBUTE_LIMIT = 10;
    private static final int ATTEMPTS = 3;
    private static final long BATCH_BYTES = 1_000_000;
    /** SendMessageBatch calls in flight per job for standard queues; the ambiguity window is this × 10. */
    static final int IN_FLIGHT = 4;

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
            JobProgress progress) {
        this.progress = progress;
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
            if (running.putIfAbsent(job.id(), true) == null) {
                executor.submit(() -> {
                    try {
                        run(job.id());
                    } catch (RuntimeException e) {
                        log.warn("Replay job {} stopped: {}", job.id(), e.toString());
                    } finally {
                        running.remove(job.id());
                    }
                });
            }
        }
    }

    void run(long jobId) {
        var job = jobs.findById(jobId).orElseThrow();
        var limiter = new RateLimiter(job.ratePerSecond());
        var batchSize = Math.min(10, job.ratePerSecond());
        var ambiguous = 0;
        var lastCount = java.time.Instant.MIN;
        while (true) {
            job = jobs.findById(jobId).orElseThrow();
            if (job.status() != ReplayStatus.RUNNING) {
                return;
            }
            var next = job.inCanary() ? ledger.nextBelow(jobId, job.canarySize(), 100) : ledger.next(jobId, 100);
            if (next.isEmpty() && job.inCanary()) {
                if (!watchCanary(job)) {
                    return;
                }
                continue;
            }
            if (next.isEmpty()) {
                finish(jobId, ambiguous);
                return;
            }
            ambiguous += (int) next.stream()
                    .filter(e -> e.status() == LedgerStatus.SENDING)
                    .count();
            var candidates = new HashMap<Long, ReplayCandidate>();
            claims.candidates(next.stream().map(LedgerEntry::parkedMessageId).toList())
                    .forEach(c -> candidates.put(c.id(), c));
            var batches = batches(next, batchSize, candidates);
            if (overBudget(job, batches)) {
                updateCounts(jobId, ambiguous);
                return;
            }
            var inFlight = new ArrayList<Future<?>>();
            for (var batch : batches) {
                try {
                    limiter.acquire(batch.size());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                var current = job;
                if (batch.getFirst().targetQueue().endsWith(".fifo")) {
                    // FIFO: one batch at a time, so each group arrives in its original order.
                    await(inFlight);
                    send(current, batch, candidates);
                } else {
                    inFlight.add(senders.submit(() -> send(current, batch, candidates)));
                    if (inFlight.size() >= IN_FLIGHT) {
                        await(inFlight);
                    }
                }
            }
            await(inFlight);
            if (clock.instant().isAfter(lastCount.plusSeconds(1))) {
                updateCounts(jobId, ambiguous);
                lastCount = clock.instant();
            }
        }
    }

    /** Waits for the batches in flight; a crash in one of them stops the job here, as it would the JVM. */
    private static void await(List<Future<?>> inFlight) {
        try {
            for (var future : inFlight) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            inFlight.clear();
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
     * All jobs together may send at most the hourly budget to one queue; a chunk that would go past
     * it pauses the job instead, with the reason.
     */
    private boolean overBudget(ReplayJob job, List<List<LedgerEntry>> batches) {
        var perTarget = new HashMap<String, Integer>();
        batches.forEach(b -> perTarget.merge(b.getFirst().targetQueue(), b.size(), Integer::sum));
        var since = clock.instant().minus(java.time.Duration.ofHours(1));
        for (var e : perTarget.entrySet()) {
            if (ledger.sentTo(e.getKey(), since) + e.getValue() > properties.budgetPerHour()) {
                var detail = String.format(
                        "Paused: the hourly replay budget of %,d messages to %s is used up"
                                + " (dlq-console.replay.budget-per-hour)",
                        properties.budgetPerHour(), e.getKey());
                progress.pauseIfRunning(job.id(), detail, clock.instant());
                log.warn("Replay job {}: {}", job.id(), detail);
                return true;
            }
        }
        return false;
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

    private void send(ReplayJob job, List<LedgerEntry> batch, Map<Long, ReplayCandidate> candidates) {
        var toSend = new ArrayList<Prepared>();
        var now = clock.instant();
        // One transaction per batch: claim (the guard against two jobs, or a double click, sending a
        // message twice), then SENDING in the ledger, committed before anything leaves.
        transaction.executeWithoutResult(status -> {
            var gone = new ArrayList<Long>();
            var present = new ArrayList<Long>();
            for (var entry : batch) {
                (candidates.containsKey(entry.parkedMessageId()) ? present : gone).add(entry.parkedMessageId());
            }
            ledger.markAll(job.id(), gone, LedgerStatus.FAILED, "the parked message is gone", now);
            var claimed = claims.claimAll(present, job.id(), job.forced());
            var lost = present.stream().filter(id -> !claimed.contains(id)).toList();
            ledger.markAll(job.id(), lost, LedgerStatus.SKIPPED, "already replayed or claimed by another job", now);
            var sending = new ArrayList<Long>();
            for (var entry : batch) {
                if (claimed.contains(entry.parkedMessageId())) {
                    sending.add(entry.parkedMessageId());
                    toSend.add(new Prepared(entry, candidates.get(entry.parkedMessageId()), null));
                }
            }
            ledger.markAll(job.id(), sending, LedgerStatus.SENDING, null, now);
        });
        toSend.replaceAll(p -> new Prepared(
                p.entry(),
                p.candidate(),
                spans.start(p.candidate().trace(), p.entry().replayId())));
        if (toSend.isEmpty()) {
            return;
        }
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
                remaining.forEach((id, p) -> messages.add(outgoing(id, p, fifo, job)));
                var result = sqs.sendBatch(connection, url, messages);
                faults.afterSend(job.id());
                var accepted = new ArrayList<Prepared>();
                var messageIds = new ArrayList<String>();
                for (var id : result.succeeded()) {
                    accepted.add(remaining.remove(id));
                    messageIds.add(result.messageIds().getOrDefault(id, ""));
                }
                sent(job, accepted, messageIds);
                var retry = new LinkedHashMap<String, Prepared>();
                result.failed().forEach((id, error) -> {
                    var p = remaining.get(id);
                    if (retryable(error)) {
                        retry.put(id, p);
                    } else {
                        failed(job, p, error);
                    }
                });
                remaining.clear();
                remaining.putAll(retry);
                if (!remaining.isEmpty()) {
                    backoff(attempt);
                }
            }
            remaining.values().forEach(p -> failed(job, p, "SQS kept refusing it after " + ATTEMPTS + " attempts"));
        } catch (SqsCallException e) {
            // The whole call failed (no such queue, no permission, network): every entry fails for now.
            toSend.forEach(p -> failed(job, p, e.getMessage()));
        }
    }

    private OutgoingMessage outgoing(String id, Prepared p, boolean fifo, ReplayJob job) {
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

    private void sent(ReplayJob job, List<Prepared> accepted, List<String> messageIds) {
        if (accepted.isEmpty()) {
            return;
        }
        var rows = new ArrayList<String[]>();
        int notAdded = 0;
        for (int i = 0; i < accepted.size(); i++) {
            var p = accepted.get(i);
            p.span().sent(messageIds.get(i));
            rows.add(new String[] {
                Long.toString(p.candidate().id()), messageIds.get(i), p.span().traceId()
            });
            notAdded += p.notAdded();
        }
        var more = notAdded;
        transaction.executeWithoutResult(status -> {
            ledger.markSentAll(job.id(), rows, clock.instant());
            claims.replayedAll(
                    accepted.stream().map(p -> p.candidate().id()).toList(),
                    job.id(),
                    job.createdBy(),
                    clock.instant());
            if (more > 0) {
                progress.attributesNotAdded(job.id(), more);
            }
        });
    }

    private void failed(ReplayJob job, Prepared p, String error) {
        p.span().failed(new IllegalStateException(error));
        transaction.executeWithoutResult(status -> {
            ledger.mark(job.id(), p.candidate().id(), LedgerStatus.FAILED, truncate(error), clock.instant());
            claims.release(p.candidate().id(), job.id());
        });
    }

    private void finish(long jobId, int ambiguous) {
        updateCounts(jobId, ambiguous);
        progress.completeIfRunning(jobId, clock.instant());
        log.info("Replay job {} completed", jobId);
    }

    private void updateCounts(long jobId, int ambiguous) {
        var counts = ledger.counts(jobId);
        progress.counts(
                jobId,
                counts.getOrDefault(LedgerStatus.SENT, 0),
                counts.getOrDefault(LedgerStatus.SKIPPED, 0),
                counts.getOrDefault(LedgerStatus.FAILED, 0),
                ambiguous,
                clock.instant());
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

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        senders.shutdownNow();
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
