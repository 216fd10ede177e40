package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.dlqconsole.base.ui.Formats;
import dev.dlqconsole.parking.MessageEdits.Versions;

/**
 * A message's versions (who, when, why) and the diff of the message as parked and its latest version,
 * both sides masked.
 */
class VersionsPanel extends Div {

    VersionsPanel(Versions versions) {
        setId("message-versions");
        setWidthFull();
        var list = new Div();
        list.addClassName("versions-list");
        list.add(entry("Version 0", "as parked", "", "the message as it came; never changed"));
        for (var v : versions.versions()) {
            list.add(entry(
                    "Version " + v.version(),
                    Formats.time(v.editedAt()),
                    "by " + v.editedBy(),
                    (v.bulk() ? "find-and-replace: " : "") + v.reason()));
        }
        add(list);
        var diff = versions.originalToLatest();
        if (diff != null) {
            var latest = versions.versions().getLast().version();
            var body = new DiffView(diff.body(), "Original (as parked)", "Latest (version " + latest + ")");
            body.setId("versions-diff");
            add(body);
            if (!diff.attributes().same()) {
                var attributes = new DiffView(diff.attributes(), "Attributes as parked", "Attributes now");
                attributes.setId("versions-attributes-diff");
                add(attributes);
            }
        }
    }

    private static Div entry(String version, String when, String who, String why) {
        var entry = new Div(new Span(version), new Span(when), new Span(who), new Span(why));
        entry.addClassName("version-entry");
        return entry;
    }
}
