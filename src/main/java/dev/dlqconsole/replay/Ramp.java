package dev.dlqconsole.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A job's graduated ramp (docs/decisions/018): its steps as planned when it was created, each the
 * share of the job it reaches and how many sends that is in all; where the job is; and, while it
 * watches a step, until when and how many of that step's messages came back to a DLQ. Step 0 is the
 * canary. The last step sends the rest and is not watched: nothing is held back behind it.
 */
public record Ramp(
        List<Step> steps, int threshold, int step, @Nullable Instant stepUntil, int stepBack) {

    /** One step: up to {@code percent} of the job, {@code upTo} sends in all once it is done. */
    public record Step(int percent, int upTo) {}

    public Ramp {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("A ramp has at least one step");
        }
    }

    /** The steps for a job that will send {@code willSend} messages, its first step being the canary's. */
    static List<Step> plan(List<Integer> percents, int willSend, int canarySize) {
        if (canarySize <= 0 || canarySize >= willSend) {
            return List.of(new Step(100, willSend)); // no canary, or it is the whole job: all at once
        }
        var steps = new ArrayList<Step>();
        steps.add(new Step(percents.getFirst(), canarySize));
        for (int i = 1; i < percents.size(); i++) {
            var percent = percents.get(i);
            var upTo = percent >= 100 ? willSend : (int) Math.ceil(willSend * percent / 100.0);
            if (upTo <= steps.getLast().upTo()) {
                continue; // the canary (or the step before) reached that far already
            }
            steps.add(new Step(Math.min(percent, 100), Math.min(upTo, willSend)));
            if (upTo >= willSend) {
                break;
            }
        }
        if (steps.getLast().upTo() < willSend) {
            steps.add(new Step(100, willSend));
        }
        return steps;
    }

    /** Percentages as configured or asked for: rising, each between 1 and 100, the last 100. */
    static List<Integer> checked(List<Integer> percents, String what) {
        if (percents.isEmpty() || percents.size() > 10) {
            throw new IllegalArgumentException(what + ": give 1 to 10 steps, such as 1,5,25,100");
        }
        int before = 0;
        for (var p : percents) {
            if (p == null || p <= before || p > 100) {
                throw new IllegalArgumentException(
                        what + ": each step is a percentage above the one before it, at most 100 (such as 1,5,25,100)");
            }
            before = p;
        }
        if (before != 100) {
            throw new IllegalArgumentException(what + ": the last step is 100 (the rest)");
        }
        return List.copyOf(percents);
    }

    static String encode(List<Step> steps) {
        return String.join(
                ",", steps.stream().map(s -> s.percent() + ":" + s.upTo()).toList());
    }

    static List<Step> decode(@Nullable String encoded, int canarySize, int total) {
        if (encoded == null || encoded.isBlank()) {
            // A job from before the ramp: its canary, then the rest.
            return canarySize > 0 && canarySize < total
                    ? List.of(new Step(1, canarySize), new Step(100, total))
                    : List.of(new Step(100, total));
        }
        var steps = new ArrayList<Step>();
        for (var part : encoded.split(",")) {
            var pair = part.split(":");
            steps.add(new Step(Integer.parseInt(pair[0].strip()), Integer.parseInt(pair[1].strip())));
        }
        return steps;
    }

    public Step current() {
        return steps.get(Math.min(step, steps.size() - 1));
    }

    public boolean lastStep() {
        return step >= steps.size() - 1;
    }

    /** The step's messages are out and the job watches the DLQs for them. */
    public boolean watching() {
        return stepUntil != null;
    }

    /** Sends before this step started. */
    public int before(int index) {
        return index == 0 ? 0 : steps.get(index - 1).upTo();
    }

    /** Whether {@code back} of the step's {@code sent} messages coming back crosses the threshold. */
    boolean crossed(int back, int sent) {
        if (back == 0) {
            return false;
        }
        // The canary (step 0) pauses at the first message back, as it always did; later steps at the share.
        return step == 0 || threshold == 0 || back * 100L > (long) threshold * Math.max(sent, 1);
    }
}
