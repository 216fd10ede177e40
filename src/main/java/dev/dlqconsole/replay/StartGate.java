package dev.dlqconsole.replay;

import dev.dlqconsole.audit.AuditEntry;
import dev.dlqconsole.audit.AuditLog;
import dev.dlqconsole.cluster.Leases;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts scheduled and conditional replays (docs/decisions/019): once per interval across the cluster
 * (the holder of the lease "replay start gate"), a scheduled job whose time came runs; a waiting job's
 * health URL is asked, and after enough 2xx answers in a row the job runs; past its deadline it gives
 * up, nothing sent. Each start and each giving up is audited, as the console's own action.
 */
@Component
class StartGate {

    private static final Logger log = LoggerFactory.getLogger(StartGate.class);

    private final ReplayJobs jobs;
    private final HealthProbe probe;
    private final HealthCheckProperties properties;
    private final Leases leases;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    StartGate(
            ReplayJobs jobs,
            HealthProbe probe,
            HealthCheckProperties properties,
            Leases leases,
            AuditLog audit,
            TransactionTemplate transaction,
            Clock clock) {
        this.jobs = jobs;
        this.probe = probe;
        this.properties = properties;
        this.leases = leases;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dlq-console.replay.health-check.interval:5s}")
    void tick() {
        try {
            // Held a little less than the interval, so this instance's next tick finds it free.
            leases.runOncePer(
                    "replay start gate", properties.interval().multipliedBy(3).dividedBy(4), this::check);
        } catch (RuntimeException e) {
            log.warn("Could not look at scheduled replays: {}", e.toString());
        }
    }

    void check() {
        for (var job : jobs.waitingToStart()) {
            try {
                check(job);
            } catch (RuntimeException e) {
                log.warn("Could not check replay job {} for its start: {}", job.id(), e.toString());
            }
        }
    }

    private void check(ReplayJob job) {
        var start = job.start();
        var now = clock.instant();
        if (job.status() == ReplayStatus.SCHEDULED) {
            if (start.at() == null || !now.isBefore(start.at())) {
                begin(job, "started by its schedule (" + start.describe() + ")");
            }
            return;
        }
        if (start.deadline() != null && !now.isBefore(start.deadline())) {
            var detail = String.format(
                    "Gave up: %s did not answer 2xx %d times in a row before the deadline (last: %s); nothing was sent",
                    start.healthHost(),
                    start.healthyTimes(),
                    start.lastCheck() == null ? "never checked" : start.lastCheck());
            transaction.executeWithoutResult(status -> {
                if (jobs.giveUp(job.id(), detail, now)) {
                    audit.record(AuditEntry.of("replay.gave-up", "replay job " + job.id(), null)
                            .withDetail(detail + "; asked by " + job.createdBy())
                            .by(AuditLog.SYSTEM));
                }
            });
            log.info("Replay job {}: {}", job.id(), detail);
            return;
        }
        if (start.healthUrl() == null) {
            return;
        }
        var answer = probe.ask(start.healthUrl());
        var streak = answer.healthy() ? start.streak() + 1 : 0;
        if (streak >= start.healthyTimes()) {
            begin(
                    job,
                    String.format(
                            "started: %s answered 2xx %d times in a row", start.healthHost(), start.healthyTimes()));
            return;
        }
        jobs.healthChecked(job.id(), streak, answer.seen());
    }

    private void begin(ReplayJob job, String detail) {
        var now = clock.instant();
        transaction.executeWithoutResult(status -> {
            if (jobs.startIfWaiting(job.id(), detail, now)) {
                audit.record(AuditEntry.of("replay.start", "replay job " + job.id(), null)
                        .withDetail(detail + "; asked by " + job.createdBy())
                        .by(AuditLog.SYSTEM));
            }
        });
        log.info("Replay job {} {}", job.id(), detail);
    }
}
