package dev.dlqconsole.notify.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.dlqconsole.notify.EventKind;
import dev.dlqconsole.notify.NotificationRule;
import dev.dlqconsole.notify.NotificationTarget;
import dev.dlqconsole.notify.TargetKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;

/**
 * A new target and its one rule. The URL and the key are typed in password fields: once saved they are
 * never shown again, anywhere. Reports the target through {@code save}; an error it answers is shown.
 */
final class TargetDialog extends Dialog {

    TargetDialog(Function<NotificationTarget, String> save) {
        setHeaderTitle("Add a notification target");
        setId("target-dialog");
        setWidth("44rem");
        var name = new TextField("Name");
        name.setId("target-name");
        name.setMaxLength(100);
        name.setPlaceholder("e.g. oncall-slack");
        var type = new Select<TargetKind>();
        type.setLabel("Type");
        type.setId("target-type");
        type.setItems(TargetKind.values());
        type.setItemLabelGenerator(k -> k == TargetKind.SLACK ? "Slack incoming webhook" : "JSON webhook, HMAC-signed");
        type.setValue(TargetKind.SLACK);
        var url = new PasswordField("Webhook URL (secret: never shown again)");
        url.setId("target-url");
        url.setRevealButtonVisible(false);
        var secret = new PasswordField("HMAC key (JSON webhooks)");
        secret.setId("target-secret");
        secret.setRevealButtonVisible(false);
        var perMinute = new IntegerField("Requests per minute at most");
        perMinute.setId("target-per-minute");
        perMinute.setValue(30);
        perMinute.setMin(1);
        var events = new CheckboxGroup<EventKind>("Events");
        events.setId("target-events");
        events.setItems(EnumSet.complementOf(EnumSet.of(EventKind.TEST)));
        events.setItemLabelGenerator(EventKind::label);
        events.setValue(EnumSet.of(EventKind.NEW_FAILURE_GROUP, EventKind.CANARY_PAUSED, EventKind.JOB_FAILED));
        var dlqs = new TextField("DLQs (comma-separated, * as wildcard; empty: all)");
        dlqs.setId("target-dlqs");
        var groups = new TextField("Failure group ids (comma-separated; empty: all)");
        groups.setId("target-groups");
        var threshold = new IntegerField("Inflow threshold (messages per 15 minutes)");
        threshold.setId("target-threshold");
        threshold.setMin(1);
        var age = new IntegerField("Oldest message age (minutes)");
        age.setId("target-age");
        age.setMin(1);
        var error = new Paragraph();
        error.setId("target-error");
        error.addClassName("form-error");
        var form = new FormLayout(name, type, url, secret, perMinute, threshold, age, dlqs, groups);
        form.setColspan(url, 2);
        form.setColspan(dlqs, 2);
        form.setColspan(groups, 2);
        add(form, events, error);

        var add = new Button("Add target", click -> {
            try {
                // A threshold or an age typed in is asked for: its event goes with it.
                var chosen = EnumSet.noneOf(EventKind.class);
                chosen.addAll(events.getValue());
                if (threshold.getValue() != null) {
                    chosen.add(EventKind.INFLOW_THRESHOLD);
                }
                if (age.getValue() != null) {
                    chosen.add(EventKind.OLDEST_AGE);
                }
                var rule = new NotificationRule(
                        chosen,
                        list(dlqs.getValue()),
                        list(groups.getValue()),
                        threshold.getValue(),
                        null,
                        age.getValue() == null ? null : Duration.ofMinutes(age.getValue()));
                var problem = save.apply(new NotificationTarget(
                        name.getValue(),
                        type.getValue(),
                        url.getValue(),
                        secret.getValue(),
                        perMinute.getValue() == null ? 0 : perMinute.getValue(),
                        List.of(rule)));
                if (problem == null) {
                    close();
                } else {
                    error.setText(problem);
                }
            } catch (IllegalArgumentException e) {
                error.setText(e.getMessage());
            }
        });
        add.setId("target-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()), add);
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
