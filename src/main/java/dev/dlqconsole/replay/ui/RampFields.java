package dev.dlqconsole.replay.ui;

import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.dlqconsole.replay.ReplayRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The replay page's ramp options: the job's own steps and threshold, empty for the configured ones
 * (docs/decisions/018). Bad input reaches the page as an {@link IllegalArgumentException}.
 */
final class RampFields extends HorizontalLayout {

    private final TextField steps = new TextField("Ramp steps (% of the job, the canary first)");
    private final IntegerField threshold = new IntegerField("Pause when more come back than (%)");

    RampFields(ReplayRequest.RampRequest configured) {
        setId("replay-ramp");
        setWidthFull();
        steps.setId("replay-ramp-steps");
        steps.setPlaceholder("configured: "
                + String.join(
                        ", ", configured.steps().stream().map(String::valueOf).toList()));
        steps.setHelperText("Each step is watched before the next; the last, 100, sends the rest");
        steps.setWidth("22rem");
        threshold.setId("replay-ramp-threshold");
        threshold.setMin(0);
        threshold.setMax(100);
        threshold.setPlaceholder("configured: " + configured.threshold());
        threshold.setWidth("18rem");
        add(steps, threshold);
    }

    ReplayRequest applyTo(ReplayRequest request) {
        if (steps.getValue().isBlank() && threshold.getValue() == null) {
            return request;
        }
        List<Integer> percents = null;
        if (!steps.getValue().isBlank()) {
            percents = new ArrayList<>();
            for (var part : steps.getValue().split("[,\\s]+")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    percents.add(Integer.parseInt(part.strip().replace("%", "")));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("The ramp steps are whole percentages, such as 1, 5, 25, 100");
                }
            }
        }
        return request.withRamp(new ReplayRequest.RampRequest(percents, threshold.getValue()));
    }
}
