package dev.dlqconsole.replay;

import dev.dlqconsole.audit.AuditEntry;
import dev.dlqconsole.audit.AuditEvent;
import dev.dlqconsole.audit.AuditLog;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.parking.ReplayCandidate;
import dev.dlqconsole.parking.ReplayClaims;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Replays as operators ask for them: a dry run first, then a job the executor works through. */
@Service
public class ReplayService {

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);

    private final ReplayJobs jobs;
    private final ReplayLedger ledger;
    private final ReplayClaims claims;
    private final Clock clock;
    private final ReplayProperties properties;

    private final AuditLog audit;
    private final ReplayExecutor executor;

    ReplayService(
            ReplayJobs jobs,
            ReplayLedger ledger,
            ReplayClaims claims,
            Clock clock,
            ReplayProperties properties,
            AuditLog audit,
            ReplayExecutor executor) {
        this.audit = audit;
        this.executor = executor;
        this.properties = properties;
        this.jobs = jobs;
        this.ledger = ledger;
        this.claims = claims;
        this.clock = clock;
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional(readOnly = true)
    public ReplayPreview preview(ReplayRequest request) {
        return plan(request).preview();
    }

    /** Creates the job with its ledger; the executor starts sending within a second. */
    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public ReplayJob create(ReplayRequest request) {
        var operator = SecurityContextHolder.getContext().getAuthentication();
        if (request.force()
                && operator.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .noneMatch("ROLE_ADMIN"::equals)) {
            audit.recordAlone(
                    AuditEntry.of("replay.force", request.ids().size() + " selected messages", request.reason())
                            .withOutcome(AuditEvent.Outcome.DENIED, "only an admin can force a replay"));
            throw new AccessDeniedException("Only an admin can force a replay of messages already replayed");
        }
        var plan = plan(request);
        if (plan.preview().willSend() == 0) {
            throw new IllegalArgumentException(
                    "Nothing to replay: every selected message is skipped (see the preview)");
        }
        var job = jobs.save(new ReplayJob(
                operator.getName(),
                request.reason(),
                request.targetQueue(),
                request.ratePerSecond(),
                request.force(),
                request.filter() == null
                        ? request.ids().size() + " selected messages"
                        : request.filter().describe(),
                request.runbookStep(),
                plan.entries().size(),
                request.skipCanary() ? 0 : properties.canarySize(plan.preview().willSend()),
                clock.instant()));
        var entries = new ArrayList<LedgerEntry>();
        for (var planned : plan.entries()) {
            entries.add(new LedgerEntry(
                    job.id(),
                    planned.candidate().id(),
                    entries.size(),
                    replayId(job.id(), planned.candidate().id()),
                    planned.skip() == null ? LedgerStatus.PENDING : LedgerStatus.SKIPPED,
                    planned.target(),
                    planned.skip(),
                    null,
                    planned.candidate().trace() == null
                            ? null
                            : planned.candidate().trace().traceId(),
                    null,
                    clock.instant()));
        }
        ledger.insertPending(job.id(), entries, clock.instant());
        audit.record(AuditEntry.of(
                        request.force() ? "replay.force" : "replay.create",
                        "replay job " + job.id() + ": " + job.selection(),
                        request.reason())
                .withDetail(String.format(
                        "%,d to send, %,d skipped; target %s; %d/s; canary %s%s",
                        plan.preview().willSend(),
                        entries.size() - plan.preview().willSend(),
                        request.targetQueue() == null ? "own source queues" : request.targetQueue(),
                        request.ratePerSecond(),
                        request.skipCanary() ? "skipped" : job.canarySize() + " messages",
                        request.runbookStep() == null ? "" : "; runbook step " + request.runbookStep())));
        log.info(
                "{} created replay job {} of {} messages: {}",
                operator.getName(),
                job.id(),
                entries.size(),
                request.reason());
        return job;
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public ReplayJob pause(long jobId) {
        var job = change(jobId, ReplayStatus.RUNNING, ReplayStatus.PAUSED, "paused by " + operator());
        audit.record("replay.pause", "replay job " + jobId, null);
        return job;
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public ReplayJob resume(long jobId) {
        var job = change(jobId, ReplayStatus.PAUSED, ReplayStatus.RUNNING, "resumed by " + operator());
        audit.record("replay.resume", "replay job " + jobId, null);
        if (job.inCanary() && job.canaryUntil() != null) {
            // Resuming after a failed canary is the operator's call to send the rest anyway.
            job.canaryPassed(clock.instant());
        }
        return job;
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public ReplayJob cancel(long jobId) {
        var job = job(jobId);
        if (job.status().finished()) {
            throw new IllegalStateException("Replay job " + jobId + " has already finished");
        }
        job.changeStatus(ReplayStatus.CANCELLED, "cancelled by " + operator(), clock.instant());
        if (!executor.isWorkingOn(jobId)) {
            // No instance works on the job: release what a crash may have left claimed. An instance
            // still on it releases its claims itself once it sees the cancel.
            claims.releaseJob(jobId);
        }
        audit.record("replay.cancel", "replay job " + jobId, null);
        return job;
    }

    /** The console instance working on the job right now (in a cluster, the holder of its lease). */
    @PreAuthorize("hasRole('VIEWER')")
    public java.util.Optional<String> workingOn(long jobId) {
        return executor.workingOn(jobId);
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<ReplayJob> recentJobs(int limit) {
        return jobs.findAllByOrderByIdDesc(Limit.of(Math.min(Math.max(limit, 1), 500)));
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public ReplayJob job(long jobId) {
        return jobs.findById(jobId).orElseThrow(() -> new NoSuchElementException("No replay job has id " + jobId));
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<LedgerEntry> ledger(long jobId, int offset, int limit) {
        return ledger.page(jobId, offset, Math.min(Math.max(limit, 1), 1_000));
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<LedgerEntry> replaysOf(long parkedMessageId) {
        return ledger.forMessage(parkedMessageId);
    }

    /** The deterministic id of one message in one job: the consumer's idempotency key. */
    static String replayId(long jobId, long parkedMessageId) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(("dlq-console/" + jobId + "/" + parkedMessageId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ReplayJob change(long jobId, ReplayStatus from, ReplayStatus to, String detail) {
        var job = job(jobId);
        if (job.status() != from) {
            throw new IllegalStateException(
                    "Replay job " + jobId + " is " + job.status().label().toLowerCase());
        }
        job.changeStatus(to, detail, clock.instant());
        return job;
    }

    private Plan plan(ReplayRequest request) {
        var ids = request.filter() == null
                ? request.ids()
                : claims.matchingIds(request.filter(), ReplayRequest.MAX_MESSAGES + 1);
        if (ids.size() > ReplayRequest.MAX_MESSAGES) {
            throw new IllegalArgumentException(String.format(
                    "A replay takes at most %,d messages; narrow the filter", ReplayRequest.MAX_MESSAGES));
        }
        var candidates = new ArrayList<>(claims.candidates(ids));
        // FIFO order within each message group (by SQS sequence number), then oldest first.
        candidates.sort(Comparator.comparing((ReplayCandidate c) -> c.groupId() == null ? "" : c.groupId())
                .thenComparing(c -> c.sequenceNumber() == null ? BigInteger.ZERO : new BigInteger(c.sequenceNumber()))
                .thenComparingLong(ReplayCandidate::id));
        var entries = new ArrayList<Planned>();
        int alreadyReplayed = 0, discarded = 0, inAnotherJob = 0, noTarget = 0, poison = 0, duplicates = 0;
        var perTarget = new TreeMap<String, Integer>();
        var firstCopies = new HashMap<String, Long>();
        // Copies an earlier job sent count as first copies: their duplicates are not sent again
        // (unless an admin forces a re-send).
        if (!request.force()) {
            for (var sent : claims.replayedWithBodies(
                    candidates.stream().map(ReplayCandidate::bodySha256).toList())) {
                var target = request.targetQueue() != null ? request.targetQueue() : sent.sourceQueue();
                if (target != null) {
                    duplicateOf(sent, target, request.collapseByBody(), firstCopies);
                }
            }
        }
        for (var c : candidates) {
            var target = request.targetQueue() != null ? request.targetQueue() : c.sourceQueue();
            String skip = null;
            if (c.status() == ParkedStatus.DISCARDED) {
                skip = "discarded";
                discarded++;
            } else if (c.status() == ParkedStatus.REPLAYING) {
                skip = "being replayed by job " + c.replayJobId();
                inAnotherJob++;
            } else if (c.status() == ParkedStatus.REPLAYED && !request.force()) {
                skip = "already replayed";
                alreadyReplayed++;
            } else if (c.replayGeneration() >= properties.poisonAfter() && !request.force()) {
                skip = "poison: replayed " + c.replayGeneration() + " times and back again; an admin may force it";
                poison++;
            } else if (target == null) {
                skip = "source queue unknown: choose a target queue";
                noTarget++;
            } else if (duplicateOf(c, target, request.collapseByBody(), firstCopies) instanceof Long first) {
                skip = "duplicate of message " + first + " (same body and idempotency key)";
                duplicates++;
            } else {
                perTarget.merge(target, 1, Integer::sum);
            }
            entries.add(new Planned(c, target, skip));
        }
        var willSend = perTarget.values().stream().mapToInt(Integer::intValue).sum();
        return new Plan(
                entries,
                new ReplayPreview(
                        ids.size(),
                        willSend,
                        alreadyReplayed,
                        discarded,
                        inAnotherJob,
                        noTarget,
                        poison,
                        duplicates,
                        perTarget));
    }

    /**
     * The id of an earlier message in this replay that this one duplicates (same target, same body,
     * same idempotency key; or same body alone when the operator collapses by body), else null and
     * this one is remembered as the first copy.
     */
    private @Nullable Long duplicateOf(
            ReplayCandidate c, String target, boolean byBody, Map<String, Long> firstCopies) {
        var key = c.attributes().get(properties.idempotencyKeyAttribute());
        var keyValue = key == null ? null : key.stringValue();
        if (keyValue == null && !byBody) {
            return null;
        }
        var identity = target + "\n" + c.bodySha256() + "\n" + (keyValue == null ? "" : "key:" + keyValue);
        return firstCopies.putIfAbsent(identity, c.id());
    }

    private static String operator() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }

    private record Planned(
            ReplayCandidate candidate,
            @Nullable String target,
            @Nullable String skip) {}

    private record Plan(List<Planned> entries, ReplayPreview preview) {}
}
