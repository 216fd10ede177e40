package dev.dlqconsole.replay.ui;

import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.dlqconsole.replay.ReplayRequest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The replay page's "Start" options (docs/decisions/019): now, at a time (UTC), or when a health URL
 * answers 2xx a number of times in a row, with a deadline. Bad input reaches the page as an {@link
 * IllegalArgumentException}.
 */
final class StartFields extends VerticalLayout {

    static final String NOW = "Now";
    static final String AT = "At a time";
    static final String HEALTHY = "When healthy";

    private final RadioButtonGroup<String> when = new RadioButtonGroup<>("Start");
    private final DateTimePicker at = new DateTimePicker("At (UTC)");
    private final TextField url = new TextField("Health URL");
    private final IntegerField times = new IntegerField("2xx answers in a row");
    private final DateTimePicker deadline = new DateTimePicker("Give up at (UTC)");
    private final HorizontalLayout atRow = new HorizontalLayout(at);
    private final HorizontalLayout healthRow = new HorizontalLayout(url, times, deadline);

    StartFields() {
        setId("replay-start-when");
        setPadding(false);
        setSpacing(false);
        when.setId("replay-start-mode");
        when.setItems(NOW, AT, HEALTHY);
        when.setValue(NOW);
        at.setId("replay-start-at");
        url.setId("replay-health-url");
        url.setPlaceholder("https://inventory.internal/health");
        url.setHelperText("Only hosts the console is allowed to check; redirects are not followed");
        url.setWidth("24rem");
        times.setId("replay-healthy-times");
        times.setMin(1);
        times.setMax(ReplayRequest.StartCondition.MAX_HEALTHY_TIMES);
        times.setValue(3);
        times.setStepButtonsVisible(true);
        times.setWidth("11rem");
        deadline.setId("replay-deadline");
        healthRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        healthRow.setWidthFull();
        healthRow.setFlexGrow(1, url);
        when.addValueChangeListener(e -> show());
        add(when, atRow, healthRow);
        show();
    }

    private void show() {
        atRow.setVisible(AT.equals(when.getValue()));
        healthRow.setVisible(HEALTHY.equals(when.getValue()));
        var soon = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        if (AT.equals(when.getValue()) && at.getValue() == null) {
            at.setValue(soon.plusMinutes(15));
        }
        if (HEALTHY.equals(when.getValue()) && deadline.getValue() == null) {
            deadline.setValue(soon.plusHours(1));
        }
    }

    ReplayRequest applyTo(ReplayRequest request) {
        if (AT.equals(when.getValue())) {
            if (at.getValue() == null) {
                throw new IllegalArgumentException("Choose when the replay starts");
            }
            return request.startingWhen(
                    ReplayRequest.StartCondition.at(at.getValue().toInstant(ZoneOffset.UTC)));
        }
        if (HEALTHY.equals(when.getValue())) {
            if (url.getValue().isBlank()) {
                throw new IllegalArgumentException("Give the health URL the replay waits for");
            }
            return request.startingWhen(ReplayRequest.StartCondition.whenHealthy(
                    url.getValue(),
                    times.getValue() == null ? 3 : times.getValue(),
                    deadline.getValue() == null ? null : deadline.getValue().toInstant(ZoneOffset.UTC)));
        }
        return request;
    }
}
