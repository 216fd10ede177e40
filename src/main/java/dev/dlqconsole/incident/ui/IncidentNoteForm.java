package dev.dlqconsole.incident.ui;

import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;

/** A note for the timeline; cleared once the view has added it. */
class IncidentNoteForm extends VerticalLayout {

    IncidentNoteForm(Consumer<String> onAdd) {
        var note = new TextArea("Add a note to the timeline");
        note.setId("incident-note");
        note.setWidthFull();
        note.setMaxHeight("8rem");
        var add = new ActionButton("Add note", "incident-add-note", ButtonVariant.LUMO_PRIMARY, () -> {
            onAdd.accept(note.getValue());
            note.clear();
        });
        add(note, add);
        setPadding(false);
        setSpacing(false);
        addClassName("incident-note-form");
    }
}
