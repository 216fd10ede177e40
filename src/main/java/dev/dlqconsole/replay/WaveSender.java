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
import dev.dlqconsole.tracing.ReplaySpans;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The executor's wave work for one chunk of a job: claim under the lease's confirmation, send with
 * retries, record. The executor owns the threads it runs on and says when the instance is stopping.
 */
final class WaveSender {

    static final int SQS_ATTRIBUTE_LIMIT = 10;
    private static final int ATTEMPTS = 3;

    private final ReplayLedger ledger;
    private final ReplayClaims claims;
    private final SqsGateway sqs;
    private final ReplaySpans spans;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ReplayFaults faults;
    private final JobProgress progress;
    private final MeterRegistry meters;
    private final Leases leases;
    private final ExecutorService senders;
    private final BooleanSupplier stopping;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    WaveSender(
            ReplayLedger ledger,
            ReplayClaims claims,
            SqsGateway sqs,
            ReplaySpans spans,
            TransactionTemplate transaction,
            Clock clock,
            ReplayFaults faults,
            JobProgress progress,
            MeterRegistry meters,
            Leases leases,
            ExecutorService senders,
            BooleanSupplier stopping) {
        this.ledger = ledger;
        this.claims = claims;
        this.sqs = sqs;
        this.spans = spans;
        this.transaction = transaction;
        this.clock = clock;
        this.faults = faults;
        this.progress = progress;
        this.meters = meters;
        this.leases = leases;
        this.senders = senders;
        this.stopping = stopping;
    }

    /**
     * Sends the batches in waves of up to {@link ReplayExecutor#IN_FLIGHT} batches: each wave is
     * claimed and marked SENDING in one transaction before it leaves, sent (side by side for standard
     * queues, one after another for FIFO so each group keeps its order), and recorded in one
     * transaction after SQS answered. A crash can leave at most one wave ({@link
     * ReplayExecutor#IN_FLIGHT_WINDOW} messages) sent but not recorded: the only ones that can arrive
     * twice, with the same replay id. Returns false when interrupted or when the job's lease is no
     * longer this instance's.
     */
    boolean sendWaves(
            ReplayJob job,
            List<List<LedgerEntry>> batches,
            Map<Long, ReplayCandidate> candidates,
            RateLimiter limiter,
            Tally tally,
            Lease lease) {
        var waves = new ArrayList<List<List<LedgerEntry>>>();
        for (int from = 0; from < batches.size(); from += ReplayExecutor.IN_FLIGHT) {
            waves.add(batches.subList(from, Math.min(batches.size(), from + ReplayExecutor.IN_FLIGHT)));
        }
        for (var wave : waves) {
            if (!lease.isValid() || stopping.getAsBoolean()) {
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

    static String truncate(String error) {
        return error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 999) + "…" : error;
    }
}
