package dev.dlqconsole.replay;

import dev.dlqconsole.audit.AuditEntry;
import dev.dlqconsole.audit.AuditEvent;
import dev.dlqconsole.audit.AuditLog;
import dev.dlqconsole.audit.AuditQuery;
import dev.dlqconsole.parking.ReplayClaims;
import dev.dlqconsole.security.ReplayIds;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Replays as operators ask for them: a dry run first, then a job the executor works through. */
@Service
public class ReplayService {

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);

    private final ReplayJobs jobs;
    private final ReplayLedger ledger;
    private final ReplayClaims claims;
    private final ReplayPlanner planner;
    private final SqsGateway sqs;
    private final Clock clock;
    private final ReplayProperties properties;
    private final AuditLog audit;
    private final ReplayExecutor executor;
    private final ReplayIds replayIds;
    private final StartPlan startPlan;

    ReplayService(
            ReplayJobs jobs,
            ReplayLedger ledger,
            ReplayClaims claims,
            ReplayPlanner planner,
            SqsGateway sqs,
            Clock clock,
            ReplayProperties properties,
            AuditLog audit,
            ReplayExecutor executor,
            ReplayIds replayIds,
            StartPlan startPlan) {
        this.replayIds = replayIds;
        this.startPlan = startPlan;
        this.jobs = jobs;
        this.ledger = ledger;
        this.claims = claims;
        this.planner = planner;
        this.sqs = sqs;
        this.clock = clock;
        this.properties = properties;
        this.audit = audit;
        this.executor = executor;
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional(readOnly = true)
    public ReplayPreview preview(ReplayRequest request) {
        return planner.plan(request).preview();
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
        var plan = planner.plan(request);
        var preview = plan.preview();
        if (preview.willSend() == 0) {
            throw new IllegalArgumentException(
                    "Nothing to replay: every selected message is skipped (see the preview)");
        }
        if (plan.target() != null && !sqs.hasConnection(plan.target().connection())) {
            throw new IllegalArgumentException(
                    "No SQS connection is named '" + plan.target().connection() + "'");
        }
        var start = startPlan.of(request.start());
        var now = clock.instant();
        var rampSteps = RampPlan.steps(request, properties);
        var canarySize = request.skipCanary() ? 0 : properties.canarySize(preview.willSend(), rampSteps);
        var approvalNeeded = preview.approvalNeeded();
        var jobId = jobs.insert(
                new ReplayJobs.NewJob(
                        operator.getName(),
                        request.reason(),
                        plan.target(),
                        request.ratePerSecond(),
                        request.force(),
                        request.filter() == null
                                ? request.ids().size() + " selected messages"
                                : request.filter().describe(),
                        request.runbookStep(),
                        plan.entries().size(),
                        plan.entries().size() - preview.willSend(),
                        canarySize,
                        approvalNeeded,
                        Ramp.plan(rampSteps, preview.willSend(), canarySize),
                        RampPlan.threshold(request, properties),
                        start),
                now);
        var entries = new ArrayList<LedgerEntry>();
        for (var planned : plan.entries()) {
            var c = planned.candidate();
            var target = planned.target();
            entries.add(new LedgerEntry(
                    jobId,
                    c.id(),
                    entries.size(),
                    // A send of it whose outcome nobody knows went out under this id: use it again.
                    c.uncertainReplayId() != null ? c.uncertainReplayId() : replayIds.of(jobId, c.id()),
                    planned.skip() == null ? LedgerStatus.PENDING : LedgerStatus.SKIPPED,
                    target == null ? null : target.connection(),
                    target == null ? null : target.queue(),
                    target != null && target.fifo() ? ReplayPlanner.fifoGroup(c) : null,
                    planned.skip(),
                    null,
                    c.traceId(),
                    null,
                    false,
                    now));
        }
        ledger.insert(jobId, entries, now);
        audit.record(AuditEntry.of(
                        request.force() ? "replay.force" : "replay.create",
                        "replay job " + jobId + ": "
                                + (request.filter() == null
                                        ? request.ids().size() + " selected messages"
                                        : request.filter().describe()),
                        request.reason())
                .withDetail(String.format(
                                "%,d to send, %,d skipped; target %s; %d/s; canary %s; ramp %s%s",
                                preview.willSend(),
                                entries.size() - preview.willSend(),
                                plan.target() == null ? "own source queues" : plan.target(),
                                request.ratePerSecond(),
                                request.skipCanary() ? "skipped" : canarySize + " messages",
                                RampPlan.describe(rampSteps, RampPlan.threshold(request, properties)),
                                request.runbookStep() == null ? "" : "; runbook step " + request.runbookStep())
                        + (approvalNeeded == null ? "" : "; awaiting approval: " + approvalNeeded)
                        + StartPlan.describe(start)));
        log.info(
                "{} created replay job {} of {} messages: {}",
                operator.getName(),
                jobId,
                entries.size(),
                request.reason());
        return job(jobId);
    }

    /**
     * A second person approves the job, which starts within a second. Recorded under the incident step
     * the request was made under, so the incident's timeline shows both.
     *
     * @throws AccessDeniedException when the approver is the person who asked for the replay
     */
    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public ReplayJob approve(long jobId, String reason) {
        var job = awaitingSecondPerson(jobId, reason, "replay.approve");
        apply(jobId, jobs.approve(jobId, operator(), reason.strip(), clock.instant()), "approve");
        audit.record(underRequest(
                jobId,
                AuditEntry.of("replay.approve", "replay job " + jobId, reason.strip())
                        .withDetail("asked by " + job.createdBy() + "; " + job.approvalNeeded())));
        return job(jobId);
    }

    /** A second person rejects the job: it ends, and nothing is sent. */
    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public ReplayJob reject(long jobId, String reason) {
        var job = awaitingSecondPerson(jobId, reason, "replay.reject");
        apply(jobId, jobs.reject(jobId, operator(), reason.strip(), clock.instant()), "reject");
        audit.record(underRequest(
                jobId,
                AuditEntry.of("replay.reject", "replay job " + jobId, reason.strip())
                        .withDetail("asked by " + job.createdBy())));
        return job(jobId);
    }

    /** Jobs waiting for a second person, oldest first. */
    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional(readOnly = true)
    public List<ReplayJob> awaitingApproval() {
        return jobs.awaitingApproval();
    }

    private ReplayJob awaitingSecondPerson(long jobId, String reason, String action) {
        var job = job(jobId);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why, for the requester and the audit trail");
        }
        if (job.status() != ReplayStatus.AWAITING_APPROVAL) {
            throw new IllegalStateException(
                    "Replay job " + jobId + " is " + job.status().label().toLowerCase() + ", not awaiting approval");
        }
        if (job.createdBy().equals(operator())) {
            audit.recordAlone(AuditEntry.of(action, "replay job " + jobId, reason)
                    .withOutcome(AuditEvent.Outcome.DENIED, "the requester cannot approve or reject their own replay"));
            throw new AccessDeniedException(
                    "You asked for this replay: another operator or an admin approves or rejects it");
        }
        return job;
    }

    /** The entry, under the incident and step the job was asked for under (if any). */
    private AuditEntry underRequest(long jobId, AuditEntry entry) {
        return audit
                .search(new AuditQuery(null, "replay.create", null, null, null, "replay job " + jobId + ":"), 0, 1)
                .stream()
                .filter(e -> e.incidentId() != null)
                .findFirst()
                .map(e -> entry.under(e.incidentId(), e.step()))
                .orElse(entry);
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public ReplayJob pause(long jobId) {
        apply(jobId, jobs.pause(jobId, "paused by " + operator(), clock.instant()), "pause");
        audit.record("replay.pause", "replay job " + jobId, null);
        return job(jobId);
    }

    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public ReplayJob resume(long jobId) {
        apply(jobId, jobs.resume(jobId, "resumed by " + operator(), clock.instant()), "resume");
        audit.record("replay.resume", "replay job " + jobId, null);
        return job(jobId);
    }

    /**
     * Cancels the job. What it still holds goes back to the parking lot: by the instance running it,
     * once its wave in flight is recorded, or (when none runs it) here, after this commits. A message
     * whose send has an unknown outcome keeps its replay id for its next replay.
     */
    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public ReplayJob cancel(long jobId) {
        var job = job(jobId);
        if (job.status().finished()) {
            throw new IllegalStateException("Replay job " + jobId + " has already finished");
        }
        apply(jobId, jobs.cancel(jobId, "cancelled by " + operator(), clock.instant()), "cancel");
        audit.record("replay.cancel", "replay job " + jobId, null);
        afterCommit(() -> executor.giveBackIfIdle(jobId));
        return job(jobId);
    }

    /**
     * Sends again what failed in the job: its FAILED entries go back to the ledger's queue and a paused
     * or completed job runs again. A FIFO group held behind its failed message goes on once it is sent.
     */
    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public ReplayJob retryFailed(long jobId) {
        var failed = ledger.failedEntries(jobId);
        if (failed.isEmpty()) {
            throw new IllegalStateException("Replay job " + jobId + " has no failed messages to retry");
        }
        apply(jobId, jobs.reopen(jobId, "retrying failed messages, asked by " + operator(), clock.instant()), "retry");
        ledger.mark(
                jobId,
                failed.stream().map(LedgerEntry::parkedMessageId).toList(),
                LedgerStatus.PENDING,
                "retried by " + operator(),
                clock.instant());
        audit.record("replay.retry", "replay job " + jobId, failed.size() + " failed messages sent again");
        return job(jobId);
    }

    /**
     * Skips the failed messages that hold their FIFO groups back, so the rest of each group goes out:
     * the operator's call that the order of those groups may break there. The job runs again.
     */
    @PreAuthorize("hasRole('OPERATOR')")
    @Transactional
    public ReplayJob skipHeld(long jobId) {
        var blockers = ledger.failedEntries(jobId).stream()
                .filter(e -> e.groupId() != null)
                .map(LedgerEntry::parkedMessageId)
                .toList();
        if (blockers.isEmpty()) {
            throw new IllegalStateException("No FIFO group waits in replay job " + jobId);
        }
        apply(jobId, jobs.reopen(jobId, "skipping held messages, asked by " + operator(), clock.instant()), "skip");
        ledger.mark(
                jobId,
                blockers,
                LedgerStatus.SKIPPED,
                "skipped by " + operator() + " so the rest of its FIFO group could go",
                clock.instant());
        claims.releaseAll(blockers, jobId);
        audit.record(
                "replay.skip-held",
                "replay job " + jobId,
                blockers.size() + " failed FIFO messages skipped; their groups go on");
        return job(jobId);
    }

    /** The SQS connections a replay can target, by name. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<String> connectionNames() {
        return sqs.connectionNames();
    }

    /** The configured ramp, for the replay page: steps as percentages, and the threshold. */
    @PreAuthorize("hasRole('OPERATOR')")
    public ReplayRequest.RampRequest configuredRamp() {
        return new ReplayRequest.RampRequest(properties.rampSteps(), properties.rampThreshold());
    }

    /** Messages the job sent in each step of its ramp that has been watched, by step (the canary 0). */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public java.util.Map<Integer, Integer> stepSends(long jobId) {
        return ledger.sentPerStep(jobId);
    }

    /** Messages of the job that wait behind a failed message of their FIFO group. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public int held(long jobId) {
        return ledger.held(jobId);
    }

    /** The console instance working on the job right now (in a cluster, the holder of its lease). */
    @PreAuthorize("hasRole('VIEWER')")
    public Optional<String> workingOn(long jobId) {
        return executor.workingOn(jobId);
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public List<ReplayJob> recentJobs(int limit) {
        return jobs.recent(Math.min(Math.max(limit, 1), 500));
    }

    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public ReplayJob job(long jobId) {
        return jobs.find(jobId).orElseThrow(() -> new NoSuchElementException("No replay job has id " + jobId));
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

    /** A transition that did not apply: the job was not where the operator saw it. */
    private void apply(long jobId, boolean applied, String what) {
        if (!applied) {
            var job = job(jobId);
            throw new IllegalStateException(
                    "Replay job " + jobId + " is " + job.status().label().toLowerCase());
        }
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private static String operator() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
