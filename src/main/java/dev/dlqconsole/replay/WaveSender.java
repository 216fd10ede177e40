package dev.dlqconsole.replay;

import dev.dlqconsole.cluster.Lease;
import dev.dlqconsole.parking.ReplayCandidate;
import dev.dlqconsole.parking.ReplayClaims;
import dev.dlqconsole.parking.ReplayPayload;
import dev.dlqconsole.sqs.BatchResult;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsCallException;
import dev.dlqconsole.sqs.SqsGateway;
import dev.dlqconsole.tracing.ReplaySpans;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
     * Sends the chunk's batches through a window of {@code callsInFlight} calls: a batch is claimed and
     * marked SENDING before it leaves, and when batches come back, one fenced transaction records them
     * and claims the next ones for the freed places (standard queues side by side; a FIFO queue one
     * batch at a time, each group in order). So at most the window ({@code 10 × callsInFlight}
     * messages) is ever sent and not recorded: the only messages a crash can make arrive twice, with the
     * same replay ids. The calls in flight keep going while the database works.
     */
    Next sendWaves(
            ReplayJob job,
            List<List<LedgerEntry>> batches,
            Map<Long, ReplayCandidate> candidates,
            RateLimiter limiter,
            Tally tally,
            Lease lease) {
        var window = properties.callsInFlight();
        var queue = new ArrayDeque<>(batches);
        var inFlight = new ArrayList<Flight>();
        var done = new Outcome();
        // A FIFO group that did not go through holds its later messages of this chunk back (later
        // chunks leave it out already: the ledger says it failed).
        var stuck = new HashSet<String>();
        // One permit each time a call comes back: what the loop sleeps on while the window is out.
        var back = new Semaphore(0);
        var checkedAt = System.nanoTime();
        var next = Next.GO_ON;
        var stop = false;
        try {
            while (true) {
                if (!stop && (!lease.isValid() || stopping.getAsBoolean())) {
                    stop = true;
                    next = Next.STOP;
                } else if (!stop && System.nanoTime() - checkedAt > 500_000_000L) {
                    checkedAt = System.nanoTime();
                    // Paused or cancelled meanwhile: finish what is in flight; the run loop sees it.
                    stop = jobs.status(job.id()) != ReplayStatus.RUNNING;
                }
                done.failed.keySet().forEach(p -> stuckGroup(stuck, p));
                done.unknown.keySet().forEach(p -> stuckGroup(stuck, p));
                var toClaim = stop || !done.unknown.isEmpty()
                        ? List.<List<LedgerEntry>>of()
                        : takeFree(queue, inFlight, window, stuck);
                if (!done.isEmpty() || !toClaim.isEmpty()) {
                    var recorded = done;
                    done = new Outcome();
                    var prepared = recordAndClaim(job, recorded, toClaim, candidates, tally, lease);
                    if (!recorded.unknown.isEmpty()) {
                        pauseForUnknown(job, recorded, lease);
                        stop = true;
                        next = Next.STOP;
                    }
                    for (var batch : toClaim) {
                        var toSend = batch.stream()
                                .map(e -> prepared.get(e.parkedMessageId()))
                                .filter(Objects::nonNull)
                                .toList();
                        if (!toSend.isEmpty()) {
                            limiter.acquire(toSend.size());
                            var target = toSend.getFirst().target();
                            // The permit once the call's outcome is set, so the loop that wakes sees it done.
                            var call = new FutureTask<Outcome>(() -> sendWithRetries(job, target, toSend, lease)) {
                                @Override
                                protected void done() {
                                    back.release();
                                }
                            };
                            senders.execute(call);
                            inFlight.add(new Flight(target, call));
                        }
                    }
                }
                if (inFlight.isEmpty() && (stop || queue.isEmpty())) {
                    return next;
                }
                // Record once half the window is back (all of it at the end): fewer commits, while
                // the other calls stay in flight.
                var wanted =
                        stop || queue.isEmpty() ? inFlight.size() : Math.max(1, Math.min(inFlight.size(), window / 2));
                collect(inFlight, wanted, done, back);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Next.STOP;
        }
    }

    private record Flight(ReplayTarget target, Future<Outcome> outcome) {}

    /**
     * The next batches for the free places of the window, in order: a FIFO queue gets one batch in
     * flight at a time, without the messages of its groups that are held back.
     */
    private static List<List<LedgerEntry>> takeFree(
            ArrayDeque<List<LedgerEntry>> queue, List<Flight> inFlight, int window, Set<String> stuck) {
        var taken = new ArrayList<List<LedgerEntry>>();
        var busy = new HashSet<ReplayTarget>();
        inFlight.forEach(f -> {
            if (f.target().fifo()) {
                busy.add(f.target());
            }
        });
        while (!queue.isEmpty() && inFlight.size() + taken.size() < window) {
            var batch = queue.peekFirst();
            var target = batch.getFirst().target();
            if (target.fifo()) {
                if (busy.contains(target)) {
                    break; // its batch in flight must be back first: its groups' order depends on it
                }
                busy.add(target);
            }
            queue.removeFirst();
            var going = batch.stream()
                    .filter(e -> e.groupId() == null || !stuck.contains(target + "\n" + e.groupId()))
                    .toList();
            if (!going.isEmpty()) {
                taken.add(going);
            }
        }
        return taken;
    }

    private static void stuckGroup(Set<String> stuck, Prepared p) {
        if (p.entry().groupId() != null) {
            stuck.add(p.target() + "\n" + p.entry().groupId());
        }
    }

    /** Waits until {@code wanted} of the calls in flight are back, and takes all that are. */
    private static void collect(List<Flight> inFlight, int wanted, Outcome done, Semaphore back)
            throws InterruptedException {
        while (true) {
            if (inFlight.stream().filter(f -> f.outcome().isDone()).count() >= wanted) {
                break;
            }
            // Sleeps until a call comes back (never spins: the broker and the database share the
            // cores with this thread); a permit left from a call counted already only means one more look.
            back.tryAcquire(50, TimeUnit.MILLISECONDS);
        }
        for (var it = inFlight.iterator(); it.hasNext(); ) {
            var flight = it.next();
            if (flight.outcome().isDone()) {
                done.add(await(flight.outcome()));
                it.remove();
            }
        }
    }

    private void pauseForUnknown(ReplayJob job, Outcome outcome, Lease lease) {
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
    }

    /**
     * One fenced transaction: record what came back, then claim the next batches (the guard against
     * two jobs, or a double click, sending one twice) and mark them SENDING, and about once a second
     * the job's counts. Returns what may be sent, by parked message id, each with its payload and its
     * replay span.
     */
    private Map<Long, Prepared> recordAndClaim(
            ReplayJob job,
            Outcome recorded,
            List<List<LedgerEntry>> toClaim,
            Map<Long, ReplayCandidate> candidates,
            Tally tally,
            Lease lease) {
        var entries = toClaim.stream().flatMap(List::stream).toList();
        var now = clock.instant();
        var claimed = new HashSet<Long>();
        var payloads = new HashMap<Long, ReplayPayload>();
        fenced.run(lease, () -> {
            record(job, recorded, now);
            tally.count(recorded);
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
            if (tally.dueForSave(now)) {
                jobs.counts(job.id(), tally.sent, tally.skipped, tally.failed, tally.ambiguous, now);
            }
            claimed.addAll(held);
            payloads.putAll(claims.payloads(held));
        });
        countMeters(recorded);
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
     * What came back, written in the caller's fenced transaction: SENT with SQS's message ids, FAILED
     * with the error, the messages' state to match. A FIFO message that failed keeps its claim (its
     * group waits behind it); sends with an unknown outcome stay SENDING.
     */
    private void record(ReplayJob job, Outcome outcome, java.time.Instant now) {
        if (outcome.isEmpty()) {
            return;
        }
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
        ledger.sent(job.id(), sentRows, now);
        claims.replayedAll(ids(outcome.sent.keySet()), job.id(), job.createdBy(), now);
        ledger.failed(job.id(), failedRows, now);
        claims.releaseAll(release, job.id());
        ledger.ambiguous(job.id(), ambiguous);
        if (notAdded > 0) {
            jobs.attributesNotAdded(job.id(), notAdded);
        }
    }

    private void countMeters(Outcome outcome) {
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
