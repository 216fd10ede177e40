package dev.dlqconsole.replay;

import dev.dlqconsole.cluster.Lease;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The executor's wave work for one chunk of a job: claim, send with the executor's own retries,
 * record, each write fenced by the job's lease. The executor owns the threads it runs on and says
 * when the instance is stopping.
 */
final class WaveSender {

    static final int SQS_ATTRIBUTE_LIMIT = 10;

    /** What a wave left the job to do. */
    enum Next {
        /** Go on with the next wave. */
        GO_ON,
        /** Stop working on the job: it is paused, or the lease is lost, or the instance stops. */
        STOP
    }

    private final ReplayLedger ledger;
    private final ReplayClaims claims;
    private final ReplayJobs jobs;
    private final SqsGateway sqs;
    private final ReplaySpans spans;
    private final Fenced fenced;
    private final Clock clock;
    private final ReplayFaults faults;
    private final ReplayProperties properties;
    private final MeterRegistry meters;
    private final ExecutorService senders;
    private final BooleanSupplier stopping;
    private final Map<ReplayTarget, String> urls = new ConcurrentHashMap<>();

    WaveSender(
            ReplayLedger ledger,
            ReplayClaims claims,
            ReplayJobs jobs,
            SqsGateway sqs,
            ReplaySpans spans,
            Fenced fenced,
            Clock clock,
            ReplayFaults faults,
            ReplayProperties properties,
            MeterRegistry meters,
            ExecutorService senders,
            BooleanSupplier stopping) {
        this.ledger = ledger;
        this.claims = claims;
        this.jobs = jobs;
        this.sqs = sqs;
        this.spans = spans;
        this.fenced = fenced;
        this.clock = clock;
        this.faults = faults;
        this.properties = properties;
        this.meters = meters;
        this.senders = senders;
        this.stopping = stopping;
    }

    /**
     * Sends the batches in waves of up to {@code callsInFlight} batches: each wave is claimed and
     * marked SENDING in one fenced transaction before it leaves, sent (side by side for standard
     * queues, one after another for FIFO ones, each group in order), and recorded in one fenced
     * transaction after SQS answered. A crash can leave at most one wave (the in-flight window) sent
     * but not recorded: the only messages that can arrive twice, with the same replay id.
     */
    Next sendWaves(
            ReplayJob job,
            List<List<LedgerEntry>> batches,
            Map<Long, ReplayCandidate> candidates,
            RateLimiter limiter,
            Tally tally,
            Lease lease) {
        var window = properties.callsInFlight();
        // A FIFO group that did not go through holds its later messages of this chunk back (later
        // chunks leave it out already: the ledger says it failed).
        var stuck = new HashSet<String>();
        for (int from = 0; from < batches.size(); from += window) {
            var wave = batches.subList(from, Math.min(batches.size(), from + window));
            if (!lease.isValid() || stopping.getAsBoolean()) {
                return Next.STOP;
            }
            if (jobs.status(job.id()) != ReplayStatus.RUNNING) {
                return Next.GO_ON; // paused or cancelled meanwhile: the run loop sees it and stops
            }
            var prepared = claim(job, wave, candidates, tally, lease);
            Outcome outcome;
            try {
                outcome = send(job, wave, prepared, limiter, stuck, lease);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Next.STOP;
            }
            record(job, outcome, tally, lease);
            if (!outcome.unknown.isEmpty()) {
                var first = outcome.unknown.entrySet().iterator().next();
                fenced.run(
                        lease,
                        () -> jobs.pauseIfRunning(
                                job.id(),
                                String.format(
                                        "Paused: the outcome of %d sends to %s is unknown (%s). They may have"
                                                + " arrived: resume to send them again under the same replay ids,"
                                                + " or cancel and they go back to the parking lot keeping them",
                                        outcome.unknown.size(), first.getKey().target(), first.getValue()),
                                clock.instant()));
                return Next.STOP;
            }
        }
        return Next.GO_ON;
    }

    /**
     * One fenced transaction before anything leaves: claim the messages (the guard against two jobs,
     * or a double click, sending one twice) and mark them SENDING. Returns what may be sent, by parked
     * message id, each with its payload and a replay span.
     */
    private Map<Long, Prepared> claim(
            ReplayJob job,
            List<List<LedgerEntry>> wave,
            Map<Long, ReplayCandidate> candidates,
            Tally tally,
            Lease lease) {
        var entries = wave.stream().flatMap(List::stream).toList();
        var now = clock.instant();
        var claimed = fenced.write(lease, () -> {
            var gone = new ArrayList<Long>();
            var present = new ArrayList<Long>();
            for (var entry : entries) {
                (candidates.containsKey(entry.parkedMessageId()) ? present : gone).add(entry.parkedMessageId());
            }
            ledger.mark(job.id(), gone, LedgerStatus.FAILED, "the parked message is gone", now);
            var held = claims.claimAll(present, job.id(), job.forced());
            var lost = present.stream().filter(id -> !held.contains(id)).toList();
            ledger.mark(job.id(), lost, LedgerStatus.SKIPPED, "already replayed or claimed by another job", now);
            ledger.sending(job.id(), held, now);
            tally.failed += gone.size();
            tally.skipped += lost.size();
            return held;
        });
        var payloads = claims.payloads(claimed);
        var prepared = new HashMap<Long, Prepared>();
        for (var entry : entries) {
            var id = entry.parkedMessageId();
            var payload = payloads.get(id);
            if (claimed.contains(id) && payload != null) {
                var p = new Prepared(
                        entry, candidates.get(id), payload, spans.start(payload.trace(), entry.replayId()));
                if (p.countAsAmbiguous()) {
                    tally.ambiguous++;
                }
                prepared.put(id, p);
            }
        }
        return prepared;
    }

    private Outcome send(
            ReplayJob job,
            List<List<LedgerEntry>> wave,
            Map<Long, Prepared> prepared,
            RateLimiter limiter,
            Set<String> stuck,
            Lease lease)
            throws InterruptedException {
        var all = new Outcome();
        var parallel = new ArrayList<Future<Outcome>>();
        for (var batch : wave) {
            var toSend = batch.stream()
                    .map(e -> prepared.get(e.parkedMessageId()))
                    .filter(java.util.Objects::nonNull)
                    .toList();
            if (toSend.isEmpty()) {
                continue;
            }
            var target = toSend.getFirst().target();
            if (!target.fifo()) {
                limiter.acquire(toSend.size());
                parallel.add(senders.submit(() -> sendWithRetries(job, target, toSend, lease)));
                continue;
            }
            var going = new ArrayList<Prepared>();
            for (var p : toSend) {
                if (stuck.contains(p.target() + "\n" + p.entry().groupId())) {
                    all.heldBack.put(p, "waits for an earlier message of its FIFO group");
                } else {
                    going.add(p);
                }
            }
            if (going.isEmpty()) {
                continue;
            }
            limiter.acquire(going.size());
            var outcome = sendWithRetries(job, target, going, lease);
            outcome.failed
                    .keySet()
                    .forEach(p -> stuck.add(p.target() + "\n" + p.entry().groupId()));
            outcome.unknown
                    .keySet()
                    .forEach(p -> stuck.add(p.target() + "\n" + p.entry().groupId()));
            all.add(outcome);
        }
        for (var future : parallel) {
            all.add(await(future));
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
     * One batch, with the executor's retries (the SDK's are off for sends): entries SQS refused for
     * now, and calls that failed before reaching SQS, are tried again; a call whose answer never came
     * is tried again too, under the same replay ids, and its entries may have arrived twice. Nothing
     * is written here.
     */
    private Outcome sendWithRetries(ReplayJob job, ReplayTarget target, List<Prepared> toSend, Lease lease) {
        var outcome = new Outcome();
        String url;
        try {
            url = urls.computeIfAbsent(target, t -> sqs.queueUrl(t.connection(), t.queue()));
        } catch (SqsCallException e) {
            // No queue URL (no such queue, no permission, network): nothing was sent.
            toSend.forEach(p -> outcome.failed.put(p, String.valueOf(e.getMessage())));
            return finish(outcome);
        }
        var remaining = new LinkedHashMap<String, Prepared>();
        for (int i = 0; i < toSend.size(); i++) {
            remaining.put(Integer.toString(i), toSend.get(i));
        }
        var lastError = new HashMap<Prepared, String>();
        for (int attempt = 1; attempt <= properties.sendAttempts() && !remaining.isEmpty(); attempt++) {
            if (attempt > 1) {
                backoff(attempt);
                if (!lease.isValid()) {
                    break; // another instance may have the job: it goes on from the ledger
                }
            }
            var messages = new ArrayList<OutgoingMessage>();
            remaining.forEach((id, p) -> messages.add(outgoing(id, p, target.fifo())));
            BatchResult result;
            try {
                result = sqs.sendBatch(target.connection(), url, messages);
            } catch (SqsCallException e) {
                var error = String.valueOf(e.getMessage());
                remaining.values().forEach(p -> lastError.put(p, error));
                if (e.outcome() == SqsCallException.Outcome.UNKNOWN) {
                    remaining.values().forEach(Prepared::answerLost);
                } else if (e.outcome() == SqsCallException.Outcome.REFUSED) {
                    break; // SQS will refuse it again
                }
                continue;
            }
            faults.afterSend(job.id());
            for (var id : result.succeeded()) {
                var p = remaining.remove(id);
                var messageId = result.messageIds().getOrDefault(id, "");
                p.span().sent(messageId);
                outcome.sent.put(p, messageId);
            }
            for (var failure : result.failed().entrySet()) {
                var p = remaining.get(failure.getKey());
                lastError.put(p, failure.getValue());
                if (!result.retryable().contains(failure.getKey())) {
                    remaining.remove(failure.getKey());
                    settleRefused(outcome, p, failure.getValue());
                }
            }
        }
        // Tries used up: what may have arrived stays uncertain, the rest did not get through.
        remaining
                .values()
                .forEach(p -> settleRefused(
                        outcome,
                        p,
                        "after " + properties.sendAttempts() + " tries: " + lastError.getOrDefault(p, "no answer")));
        return finish(outcome);
    }

    /** An entry SQS did not take now: failed, unless an earlier try of it may have arrived. */
    private static void settleRefused(Outcome outcome, Prepared p, String error) {
        (p.mayHaveArrived() ? outcome.unknown : outcome.failed).put(p, error);
    }

    private static Outcome finish(Outcome outcome) {
        outcome.failed.forEach((p, error) -> p.span().failed(new IllegalStateException(error)));
        outcome.unknown.forEach((p, error) -> p.span().failed(new IllegalStateException(error)));
        return outcome;
    }

    private OutgoingMessage outgoing(String id, Prepared p, boolean fifo) {
        var candidate = p.candidate();
        var attributes = new LinkedHashMap<>(p.payload().attributes());
        var extra = new LinkedHashMap<String, MessageAttribute>();
        extra.put("dlq-replay-id", MessageAttribute.string(p.entry().replayId()));
        // Counted across the message's copies: the count it carried when parked, plus this copy's replays.
        extra.put("dlq-replay-count", MessageAttribute.number(candidate.timesReplayed() + 1L));
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
        p.notAdded(notAdded);
        return new OutgoingMessage(
                id,
                p.payload().body(),
                attributes,
                fifo ? p.entry().groupId() : null,
                fifo ? p.entry().replayId() : null);
    }

    /**
     * One fenced transaction after a wave: SENT with SQS's message ids, FAILED with the error, the
     * messages' state to match. A FIFO message that failed keeps its claim (its group waits behind it),
     * as do the later messages held back; sends with an unknown outcome stay SENDING.
     */
    private void record(ReplayJob job, Outcome outcome, Tally tally, Lease lease) {
        var now = clock.instant();
        var sentRows = new ArrayList<String[]>();
        var ambiguous = new ArrayList<Long>();
        int notAdded = 0;
        for (var e : outcome.sent.entrySet()) {
            var p = e.getKey();
            sentRows.add(
                    new String[] {Long.toString(p.id()), e.getValue(), p.span().traceId()});
            notAdded += p.notAdded();
            if (p.mayHaveArrived()) {
                ambiguous.add(p.id());
            }
        }
        outcome.unknown.keySet().forEach(p -> ambiguous.add(p.id()));
        var failedRows = new ArrayList<String[]>();
        var release = new ArrayList<Long>();
        outcome.failed.forEach((p, error) -> {
            failedRows.add(new String[] {Long.toString(p.id()), truncate(error)});
            if (!p.target().fifo()) {
                release.add(p.id());
            }
        });
        var more = notAdded;
        fenced.run(lease, () -> {
            ledger.sent(job.id(), sentRows, now);
            claims.replayedAll(ids(outcome.sent.keySet()), job.id(), job.createdBy(), now);
            ledger.failed(job.id(), failedRows, now);
            claims.releaseAll(release, job.id());
            ledger.mark(job.id(), ids(outcome.heldBack.keySet()), LedgerStatus.PENDING, null, now);
            ledger.ambiguous(job.id(), ambiguous);
            if (more > 0) {
                jobs.attributesNotAdded(job.id(), more);
            }
        });
        tally.sent += sentRows.size();
        tally.failed += failedRows.size();
        for (var p : outcome.sent.keySet()) {
            tally.ambiguous += p.countAsAmbiguous() ? 1 : 0;
        }
        for (var p : outcome.unknown.keySet()) {
            tally.ambiguous += p.countAsAmbiguous() ? 1 : 0;
        }
        count("dlq.console.replay.sent", outcome.sent.keySet());
        count("dlq.console.replay.failed", outcome.failed.keySet());
    }

    private static List<Long> ids(Set<Prepared> prepared) {
        return prepared.stream().map(Prepared::id).toList();
    }

    /** dlq_console_replay_sent_total / _failed_total per target (connection and queue), once recorded. */
    private void count(String counter, Set<Prepared> entries) {
        var perTarget = new HashMap<ReplayTarget, Integer>();
        entries.forEach(p -> perTarget.merge(p.target(), 1, Integer::sum));
        perTarget.forEach(
                (target, n) -> meters.counter(counter, "connection", target.connection(), "target", target.queue())
                        .increment(n));
    }

    private void backoff(int attempt) {
        var base = properties.retryBackoff().toMillis() * (1L << Math.min(attempt - 2, 5));
        try {
            Thread.sleep(Math.min(Duration.ofSeconds(10).toMillis(), (long) (base * (0.5 + Math.random()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String truncate(@Nullable String error) {
        return error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 999) + "…" : error;
    }
}
