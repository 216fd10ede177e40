package dev.dlqconsole.replay.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.replay.Ramp;
import dev.dlqconsole.replay.ReplayJob;
import dev.dlqconsole.replay.ReplayStatus;
import java.util.Map;

/**
 * A job's graduated ramp as a row of chips, one per step: done, sending, watching, paused or pending,
 * each with its share of the job and its counts (docs/decisions/018).
 */
final class RampSteps extends Div {

    RampSteps() {
        setId("job-ramp");
        addClassName("ramp-steps");
    }

    void show(ReplayJob job, Map<Integer, Integer> sentPerStep) {
        removeAll();
        var ramp = job.ramp();
        for (int i = 0; i < ramp.steps().size(); i++) {
            add(chip(job, ramp, i, sentPerStep.getOrDefault(i, 0)));
        }
    }

    private static Div chip(ReplayJob job, Ramp ramp, int i, int stepSent) {
        var step = ramp.steps().get(i);
        var planned = step.upTo() - ramp.before(i);
        var last = i == ramp.steps().size() - 1;
        String state;
        String counts;
        if (i < ramp.step() || job.status() == ReplayStatus.COMPLETED && i <= ramp.step()) {
            state = "done";
            counts = String.format("%,d sent", last || stepSent == 0 ? Math.max(stepSent, planned) : stepSent);
        } else if (i == ramp.step()) {
            var paused = job.status() == ReplayStatus.PAUSED;
            var sentNow = ramp.watching() ? stepSent : Math.max(0, job.sent() - ramp.before(i));
            if (ramp.watching()) {
                state = paused ? "paused" : "watching";
                counts = String.format("%,d sent · %,d back", sentNow, ramp.stepBack())
                        + (paused ? "" : " · until " + Formats.shortTime(ramp.stepUntil()));
            } else if (job.status().finished()) {
                state = "stopped";
                counts = String.format("%,d of %,d sent", sentNow, planned);
            } else {
                state = paused ? "paused" : job.status() == ReplayStatus.RUNNING ? "sending" : "pending";
                counts = String.format("%,d of %,d sent", sentNow, planned);
            }
        } else {
            state = job.status().finished() ? "not reached" : "pending";
            counts = String.format("%,d to send", planned);
        }
        var title = new Span(
                i == 0 && ramp.steps().size() > 1
                        ? "Canary · " + step.percent() + "%"
                        : last
                                ? (ramp.steps().size() == 1 ? "All at once" : "The rest · 100%")
                                : "Step " + (i + 1) + " · " + step.percent() + "%");
        title.addClassName("ramp-title");
        var badge = new Span(state);
        badge.addClassNames("status-badge", "ramp-" + state.replace(' ', '-'));
        var detail = new Span(counts);
        detail.addClassName("ramp-counts");
        var chip = new Div(title, badge, detail);
        chip.addClassNames("ramp-step", "ramp-step-" + state.replace(' ', '-'));
        chip.setId("ramp-step-" + (i + 1));
        chip.getElement().setAttribute("data-state", state);
        return chip;
    }
}
