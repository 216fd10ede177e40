package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.RouterLink;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.SavedView;
import dev.dlqconsole.parking.SavedViews;

/** Saves the Messages filter as a named view, private or shared; lists the person's views to delete one. */
final class SaveViewDialog extends Dialog {

    SaveViewDialog(SavedViews views, MessageFilter filter, String user) {
        setHeaderTitle("Save this filter as a view");
        setId("save-view-dialog");
        setWidth("34rem");
        var what = new Paragraph("Messages: " + filter.describe());
        what.addClassName("save-view-filter");
        var name = new TextField("Name");
        name.setId("save-view-name");
        name.setWidthFull();
        name.setMaxLength(100);
        name.setPlaceholder("e.g. payments timeouts");
        var shared = new Checkbox("Share with the team (everyone sees it in their menu; recorded in the audit trail)");
        shared.setId("save-view-shared");
        var mine = new Div();
        mine.addClassName("save-view-mine");
        showMine(views, mine, user);
        add(what, name, shared, mine);

        var save = new Button("Save view", click -> {
            try {
                var view = views.save(
                        name.getValue(), MessageFilters.toQuery(filter).getQueryString(), shared.getValue());
                close();
                Notification.show(
                                "Saved: " + view.name() + " (views/" + view.id() + ")",
                                4_000,
                                Notification.Position.BOTTOM_END)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                // The drawer redraws after a navigation: this one opens the view's own, stable address.
                getUI().ifPresent(ui -> ui.navigate("views/" + view.id()));
            } catch (IllegalArgumentException e) {
                name.setInvalid(true);
                name.setErrorMessage(e.getMessage());
            }
        });
        save.setId("save-view-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", click -> close());
        getFooter().add(cancel, save);
    }

    private static void showMine(SavedViews views, Div mine, String user) {
        mine.removeAll();
        var own = views.visible().stream().filter(v -> v.owner().equals(user)).toList();
        if (own.isEmpty()) {
            return;
        }
        mine.add(new Span("Your views"));
        for (SavedView view : own) {
            var delete = new Button(new Icon(VaadinIcon.TRASH), click -> {
                views.delete(view.id());
                showMine(views, mine, user);
            });
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            delete.setTooltipText("Delete " + view.name());
            delete.addClassName("save-view-delete");
            var line = new Div(
                    new RouterLink(
                            view.name() + (view.shared() ? " (shared)" : ""),
                            SavedViewRoute.class,
                            new com.vaadin.flow.router.RouteParameters("viewId", Long.toString(view.id()))),
                    delete);
            line.addClassName("save-view-line");
            mine.add(line);
        }
    }
}
