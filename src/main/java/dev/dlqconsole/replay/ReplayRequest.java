package dev.dlqconsole.replay;

import dev.dlqconsole.parking.MessageFilter;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What to replay: explicit parked message ids, or every message matching a filter (frozen when the
 * job is created). {@code targetQueue} overrides each message's own source queue, on {@code
 * targetConnection} (which may be left out when the selection comes from one connection); {@code force}
 * (admins only) sends again what an earlier job already sent. Messages with the same body and the
 * same idempotency key attribute are always collapsed to one; {@code collapseByBody} collapses
 * messages with the same body even without that attribute. {@code leaveOut} names failure groups
 * (fingerprints) whose messages the replay skips: those whose runbook says never to replay them, unless
 * the operator includes them. {@code ramp} overrides the configured ramp steps and threshold
 * (docs/decisions/018).
 */
public record ReplayRequest(
        List<Long> ids,
        @Nullable MessageFilter filter,
        String reason,
        @Nullable String targetQueue,
        int ratePerSecond,
        boolean force,
        @Nullable String runbookStep,
        boolean skipCanary,
        boolean collapseByBody,
        @Nullable String targetConnection,
        Set<String> leaveOut,
        @Nullable RampRequest ramp,
        @Nullable StartCondition start) {

    /**
     * When the job starts: at {@code at}, or once {@code healthUrl} answered 2xx {@code healthyTimes}
     * times in a row, giving up at {@code deadline} (docs/decisions/019). Null: at once.
     */
    public record StartCondition(
            @Nullable Instant at,
            @Nullable String healthUrl,
            @Nullable Integer healthyTimes,
            @Nullable Instant deadline) {
        public static final int MAX_HEALTHY_TIMES = 100;

        public StartCondition {
            healthUrl = healthUrl == null || healthUrl.isBlank() ? null : healthUrl.strip();
            if (at != null && healthUrl != null) {
                throw new IllegalArgumentException("Start at a time or when healthy, not both");
            }
            if (at == null && healthUrl == null) {
                throw new IllegalArgumentException("Say when the replay starts: a time, or a health URL");
            }
            if (healthyTimes != null && (healthyTimes < 1 || healthyTimes > MAX_HEALTHY_TIMES)) {
                throw new IllegalArgumentException(
                        "The health URL must answer 2xx between 1 and " + MAX_HEALTHY_TIMES + " times in a row");
            }
            if (healthUrl == null && (healthyTimes != null || deadline != null)) {
                throw new IllegalArgumentException("A count of healthy answers and a deadline go with a health URL");
            }
            if (healthUrl != null && healthUrl.length() > 2_000) {
                throw new IllegalArgumentException("Keep the health URL under 2,000 characters");
            }
        }

        public static StartCondition at(Instant at) {
            return new StartCondition(at, null, null, null);
        }

        public static StartCondition whenHealthy(String url, int times, @Nullable Instant deadline) {
            return new StartCondition(null, url, times, deadline);
        }
    }

    /** A job's own ramp: cumulative percentages (the last 100) and the share that pauses it; null: configured. */
    public record RampRequest(
            @Nullable List<Integer> steps, @Nullable Integer threshold) {
        public RampRequest {
            steps = steps == null ? null : Ramp.checked(steps, "The ramp steps");
            if (threshold != null && (threshold < 0 || threshold > 100)) {
                throw new IllegalArgumentException("The ramp threshold is a percentage, 0 to 100");
            }
        }
    }

    public ReplayRequest(
            List<Long> ids,
            @Nullable MessageFilter filter,
            String reason,
            @Nullable String targetQueue,
            int ratePerSecond,
            boolean force,
            @Nullable String runbookStep,
            boolean skipCanary,
            boolean collapseByBody,
            @Nullable String targetConnection,
            Set<String> leaveOut) {
        this(
                ids,
                filter,
                reason,
                targetQueue,
                ratePerSecond,
                force,
                runbookStep,
                skipCanary,
                collapseByBody,
                targetConnection,
                leaveOut,
                null,
                null);
    }

    public static final int MAX_MESSAGES = 100_000;
    public static final int MAX_RATE = 10_000;

    public ReplayRequest(
            List<Long> ids,
            @Nullable MessageFilter filter,
            String reason,
            @Nullable String targetQueue,
            int ratePerSecond,
            boolean force,
            @Nullable String runbookStep) {
        this(ids, filter, reason, targetQueue, ratePerSecond, force, runbookStep, false, false, null, Set.of());
    }

    public ReplayRequest(
            List<Long> ids,
            @Nullable MessageFilter filter,
            String reason,
            @Nullable String targetQueue,
            int ratePerSecond,
            boolean force,
            @Nullable String runbookStep,
            boolean skipCanary,
            boolean collapseByBody) {
        this(ids, filter, reason, targetQueue, ratePerSecond, force, runbookStep, skipCanary, collapseByBody, null);
    }

    public ReplayRequest(
            List<Long> ids,
            @Nullable MessageFilter filter,
            String reason,
            @Nullable String targetQueue,
            int ratePerSecond,
            boolean force,
            @Nullable String runbookStep,
            boolean skipCanary,
            boolean collapseByBody,
            @Nullable String targetConnection) {
        this(
                ids,
                filter,
                reason,
                targetQueue,
                ratePerSecond,
                force,
                runbookStep,
                skipCanary,
                collapseByBody,
                targetConnection,
                Set.of());
    }

    /** The same request, skipping the messages of these failure groups. */
    public ReplayRequest leavingOut(Set<String> fingerprints) {
        return new ReplayRequest(
                ids,
                filter,
                reason,
                targetQueue,
                ratePerSecond,
                force,
                runbookStep,
                skipCanary,
                collapseByBody,
                targetConnection,
                fingerprints,
                ramp,
                start);
    }

    /** The same request with its own ramp steps and threshold. */
    public ReplayRequest withRamp(@Nullable RampRequest ramp) {
        return new ReplayRequest(
                ids,
                filter,
                reason,
                targetQueue,
                ratePerSecond,
                force,
                runbookStep,
                skipCanary,
                collapseByBody,
                targetConnection,
                leaveOut,
                ramp,
                start);
    }

    /** The same request, starting at a time or when a health URL answers; null: at once. */
    public ReplayRequest startingWhen(@Nullable StartCondition start) {
        return new ReplayRequest(
                ids,
                filter,
                reason,
                targetQueue,
                ratePerSecond,
                force,
                runbookStep,
                skipCanary,
                collapseByBody,
                targetConnection,
                leaveOut,
                ramp,
                start);
    }

    public ReplayRequest {
        ids = List.copyOf(ids);
        leaveOut = Set.copyOf(leaveOut);
        if (ids.isEmpty() == (filter == null)) {
            throw new IllegalArgumentException("Replay either selected messages or all messages matching a filter");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A replay needs a reason");
        }
        if (ratePerSecond < 1 || ratePerSecond > MAX_RATE) {
            throw new IllegalArgumentException(
                    "The rate limit must be between 1 and " + MAX_RATE + " messages per second");
        }
        reason = reason.strip();
        if (reason.length() > 1_000) {
            throw new IllegalArgumentException("Keep the reason under 1,000 characters");
        }
        if (runbookStep != null && runbookStep.strip().length() > 300) {
            throw new IllegalArgumentException("Keep the runbook step under 300 characters");
        }
        targetQueue = targetQueue == null || targetQueue.isBlank() ? null : targetQueue.strip();
        targetConnection = targetConnection == null || targetConnection.isBlank() ? null : targetConnection.strip();
        if (targetConnection != null && targetQueue == null) {
            throw new IllegalArgumentException("A target connection goes with a target queue");
        }
    }
}
