package dev.dlqconsole.incident.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** The incident as Markdown, to read, copy into a postmortem or download. */
class MarkdownExportDialog extends Dialog {

    MarkdownExportDialog(long incidentId, String markdown) {
        setHeaderTitle("INC-" + incidentId + " as Markdown");
        var text = new TextArea();
        text.setId("incident-markdown");
        text.setValue(markdown);
        text.setReadOnly(true);
        text.setWidth("60rem");
        text.setHeight("28rem");
        var bytes = markdown.getBytes(StandardCharsets.UTF_8);
        var download = new Anchor(
                DownloadHandler.fromInputStream(ignored -> new DownloadResponse(
                        new ByteArrayInputStream(bytes), "INC-" + incidentId + ".md", "text/markdown", bytes.length)),
                "Download INC-" + incidentId + ".md");
        download.setId("incident-download");
        add(text);
        getFooter().add(download, new Button("Close", click -> close()));
    }
}
