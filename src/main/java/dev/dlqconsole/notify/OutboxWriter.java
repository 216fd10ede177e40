package dev.dlqconsole.notify;

import dev.dlqconsole.parking.FailureGroupAppeared;
import dev.dlqconsole.replay.ReplayJobChanged;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns what the features publish into outbox rows, synchronously, in the publisher's transaction: a
 * parker's insert, a replay executor's fenced write. Rolled back with it; committed with it, the row
 * outlives any crash (docs/decisions/016). Every event is kept, with a delivery for each target whose
 * rules want it.
 */
@Component
class OutboxWriter {

    private final Outbox outbox;
    private final NotificationTargets targets;
    private final NotificationProperties properties;
    private final Clock clock;

    OutboxWriter(Outbox outbox, NotificationTargets targets, NotificationProperties properties, Clock clock) {
        this.outbox = outbox;
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void failureGroupAppeared(FailureGroupAppeared group) {
        var reason = group.reason() == null ? "(no failure reason)" : group.reason();
        emit(new Outbox.NewEvent(
                EventKind.NEW_FAILURE_GROUP,
                group.connection(),
                group.dlq(),
                group.fingerprint(),
                null,
                "New failure group in " + group.dlq(),
                (group.failureType() == null ? "" : group.failureType() + ": ") + reason,
                link("/groups/" + group.fingerprint())));
    }

    @EventListener
    void replayJobChanged(ReplayJobChanged changed) {
        var job = changed.job();
        var kind = switch (changed.change()) {
            case AWAITING_APPROVAL -> EventKind.AWAITING_APPROVAL;
            case COMPLETED -> job.failed() > 0 ? EventKind.JOB_FAILED : EventKind.JOB_FINISHED;
            case PAUSED ->
                switch (changed.pauseCause()) {
                    case CANARY, RAMP -> EventKind.CANARY_PAUSED;
                    case BUDGET -> EventKind.BUDGET_REACHED;
                    case STOPPED -> EventKind.JOB_FAILED;
                };
        };
        var title = switch (kind) {
            case AWAITING_APPROVAL -> "Replay job " + job.id() + " by " + job.createdBy() + " awaits approval";
            case JOB_FINISHED -> "Replay job " + job.id() + " finished";
            case JOB_FAILED ->
                "Replay job " + job.id()
                        + (changed.change() == ReplayJobChanged.Change.COMPLETED
                                ? " finished with failures"
                                : " stopped");
            case CANARY_PAUSED ->
                "Replay job " + job.id() + " paused by its "
                        + (changed.pauseCause() == ReplayJobChanged.PauseCause.RAMP ? "ramp" : "canary");
            case BUDGET_REACHED -> "Replay job " + job.id() + " reached the replay budget";
            default -> "Replay job " + job.id();
        };
        var counts = String.format(
                Locale.ROOT,
                "%,d of %,d sent, %,d skipped, %,d failed%s",
                job.sent(),
                job.total(),
                job.skipped(),
                job.failed(),
                job.ambiguous() == 0 ? "" : String.format(Locale.ROOT, ", %,d unknown", job.ambiguous()));
        var detail = switch (kind) {
            case AWAITING_APPROVAL -> job.approvalNeeded() + " · reason: " + job.reason();
            case CANARY_PAUSED, BUDGET_REACHED, JOB_FAILED ->
                (job.statusDetail() == null ? "" : job.statusDetail() + " · ") + counts;
            default -> counts + " · reason: " + job.reason();
        };
        emit(new Outbox.NewEvent(kind, null, null, null, job.id(), title, detail, link("/replays/" + job.id())));
    }

    /** Writes the event with a delivery for every target whose rules want it. */
    void emit(Outbox.NewEvent event) {
        if (!properties.enabled()) {
            return;
        }
        var to = targets.all().stream()
                .map(NotificationTargets.Target::target)
                .filter(t ->
                        t.rules().stream().anyMatch(r -> r.matches(event.kind(), event.dlq(), event.fingerprint())))
                .map(NotificationTarget::name)
                .toList();
        outbox.add(event, to, clock.instant());
    }

    /** Writes an event for one target only (a condition its rule raised, a test). */
    void emitTo(Outbox.NewEvent event, String target) {
        if (properties.enabled()) {
            outbox.add(event, List.of(target), clock.instant());
        }
    }

    String link(String path) {
        return properties.publicBaseUrl() + path;
    }

    String messagesLink(String connection, String dlq) {
        return link("/messages?connection=" + encode(connection) + "&dlq=" + encode(dlq));
    }

    private static String encode(@Nullable String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
