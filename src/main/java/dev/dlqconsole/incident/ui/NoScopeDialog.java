package dev.dlqconsole.incident.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import dev.dlqconsole.parking.DlqParkingCount;
import java.util.Comparator;
import java.util.List;

/**
 * "Replay messages in scope" on an incident without a scope: nothing is selected. The dialog says
 * what "everything" would be (how many parked messages, in which DLQs) and offers to choose the
 * messages in the Messages view instead; cancelling is the default.
 */
class NoScopeDialog extends Dialog {

    private static final int LISTED = 8;

    NoScopeDialog(List<DlqParkingCount> counts, Runnable chooseMessages) {
        setId("no-scope-dialog");
        setHeaderTitle("This incident has no scope");
        setWidth("min(560px, 95vw)");
        var parked = counts.stream()
                .filter(c -> c.parked() > 0)
                .sorted(Comparator.comparingLong(DlqParkingCount::parked).reversed())
                .toList();
        long total = parked.stream().mapToLong(DlqParkingCount::parked).sum();
        add(new Paragraph(String.format(
                "Nothing is selected. Without a DLQ or failure group, a replay from here would take every"
                        + " parked message: %,d parked messages in %d %s.",
                total, parked.size(), parked.size() == 1 ? "DLQ" : "DLQs")));
        var list = new UnorderedList();
        parked.stream()
                .limit(LISTED)
                .forEach(c ->
                        list.add(new ListItem(String.format("%s (%s): %,d", c.dlq(), c.connection(), c.parked()))));
        if (parked.size() > LISTED) {
            list.add(new ListItem(String.format("and %d more", parked.size() - LISTED)));
        }
        if (!parked.isEmpty()) {
            add(list);
        }
        add(new Paragraph("Choose the messages this incident is about in the Messages view (filter by DLQ or"
                + " failure group, then \"Replay all matching\"): the replay is still recorded under this step."));

        var cancel = new Button("Cancel", click -> close());
        cancel.setId("no-scope-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        cancel.setAutofocus(true);
        var choose = new Button("Choose messages…", click -> {
            close();
            chooseMessages.run();
        });
        choose.setId("no-scope-choose");
        getFooter().add(choose, cancel);
    }
}
