package dev.dlqconsole.replay;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Replay safety and pace: the graduated ramp ({@code rampSteps}, cumulative percentages of a job; the
 * first is the canary, at least {@code canaryMessages}, watched for {@code canaryWatch}; each later
 * step but the last watched for {@code rampWatch}, default the canary's, and the job pauses when more
 * than {@code rampThreshold} percent of a step's messages come back; docs/decisions/018), when a message counts as poison (replayed and
 * back in a DLQ {@code poisonAfter} times), how many messages all jobs together may send to one queue
 * per hour, and the attribute that makes two messages with one body duplicates. A job keeps
 * {@code callsInFlight} SendMessageBatch calls in flight (standard queues; FIFO queues one at a
 * time), so a crash leaves at most {@code 10 × callsInFlight} sends unrecorded: the in-flight window.
 * A send is tried {@code sendAttempts} times, {@code retryBackoff} doubling between tries. A replay
 * of more than {@code approvalAbove} messages, and any forced replay, waits for a second person's
 * approval ({@code approvalAbove} 0: every replay does; {@code approvalRequired} false: none does).
 */
@ConfigurationProperties("dlq-console.replay")
public record ReplayProperties(
        @DefaultValue("10") int canaryMessages,
        @DefaultValue("60s") Duration canaryWatch,
        @DefaultValue("3") int poisonAfter,
        @DefaultValue("100000") int budgetPerHour,
        @DefaultValue("idempotency-key") String idempotencyKeyAttribute,
        @DefaultValue("4") int callsInFlight,
        @DefaultValue("5") int sendAttempts,
        @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue("true") boolean approvalRequired,
        @DefaultValue("100") int approvalAbove,
        @DefaultValue("1,5,25,100") List<Integer> rampSteps,
        @DefaultValue("5") int rampThreshold,
        @Nullable Duration rampWatch) {

    public ReplayProperties {
        rampSteps = Ramp.checked(rampSteps, "dlq-console.replay.ramp-steps");
        if (rampThreshold < 0 || rampThreshold > 100) {
            throw new IllegalArgumentException("dlq-console.replay.ramp-threshold is a percentage, 0 to 100");
        }
        if (callsInFlight < 1 || callsInFlight > 64) {
            throw new IllegalArgumentException("dlq-console.replay.calls-in-flight must be between 1 and 64");
        }
        if (sendAttempts < 1 || sendAttempts > 20) {
            throw new IllegalArgumentException("dlq-console.replay.send-attempts must be between 1 and 20");
        }
    }

    /** Why a replay of this size waits for a second person, or null when it may start at once. */
    @Nullable
    String approvalNeeded(int willSend, boolean forced) {
        if (!approvalRequired) {
            return null;
        }
        if (forced) {
            return "a forced replay sends messages again that were replayed already";
        }
        if (willSend > approvalAbove) {
            return String.format(
                    "%,d messages, more than the %,d one person may replay alone", willSend, approvalAbove);
        }
        return null;
    }

    /** The same, and a replay that sends edited messages waits too (docs/decisions/017). */
    @org.jspecify.annotations.Nullable
    String approvalNeeded(int willSend, boolean forced, int edited) {
        var needed = approvalNeeded(willSend, forced);
        if (needed != null || !approvalRequired || edited == 0) {
            return needed;
        }
        return edited == 1
                ? "1 edited message: a second person checks an edit before it is sent"
                : String.format("%,d edited messages: a second person checks an edit before it is sent", edited);
    }

    /** The canary: the ramp's first step of {@code total} sends, at least {@code canaryMessages}. */
    int canarySize(int total, List<Integer> steps) {
        var percent = (int) Math.ceil(total * steps.getFirst() / 100.0);
        return Math.min(total, Math.max(canaryMessages, percent));
    }

    /** How long a step after the canary is watched. */
    Duration stepWatch(int step) {
        return step == 0 || rampWatch == null ? canaryWatch : rampWatch;
    }

    /** The most sends a crash can leave unrecorded, and so the most that can arrive twice per takeover. */
    public int inFlightWindow() {
        return 10 * callsInFlight;
    }
}
