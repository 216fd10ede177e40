package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.dlqconsole.parking.MessageImportResult;
import dev.dlqconsole.parking.ParkingService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * "Import…" (admins): a JSON Lines export uploaded into a DLQ of this console, or into the DLQs its
 * lines name. The file goes to a temporary file first and is read from there a chunk at a time; the
 * dialog then says what was imported and which lines were refused, by number.
 */
final class ImportDialog extends Dialog {

    private static final List<String> AS_NAMED = List.of();
    /** The largest file the upload takes (the component counts in an int): larger ones go by the API. */
    private static final int MAX_FILE = Integer.MAX_VALUE;

    ImportDialog(ParkingService parking, Runnable imported) {
        setHeaderTitle("Import messages from a JSON Lines export");
        setId("import-dialog");
        setWidth("38rem");
        var what = new Paragraph("Each line of an export (Export… → JSON Lines) is parked again as a dead letter of the"
                + " DLQ chosen here and marked as imported on its page. A message already imported from the file is"
                + " skipped, so a file can be imported again after a refused line is fixed. Values the export masked"
                + " stay masked.");
        what.addClassName("import-explained");
        var target = new ComboBox<List<String>>("Into");
        target.setId("import-target");
        target.setWidthFull();
        var targets = new java.util.ArrayList<List<String>>();
        targets.add(AS_NAMED);
        targets.addAll(parking.importTargets());
        target.setItems(targets);
        target.setItemLabelGenerator(
                t -> t.isEmpty() ? "The DLQ each message was exported from" : t.get(0) + " / " + t.get(1));
        target.setValue(AS_NAMED);
        var report = new Div();
        report.setId("import-report");
        report.addClassName("import-report");
        var upload = new Upload(UploadHandler.toTempFile((metadata, file) -> {
            try (var lines = Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8)) {
                var into = target.getValue() == null ? AS_NAMED : target.getValue();
                var result = parking.importMessages(
                        lines,
                        into.isEmpty() ? null : into.get(0),
                        into.isEmpty() ? null : into.get(1),
                        metadata.fileName());
                show(report, result);
                imported.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                report.removeAll();
                var failed = new Paragraph("Nothing more was imported: " + e.getMessage());
                failed.addClassName("import-failed");
                report.add(failed);
            } finally {
                file.delete();
            }
        }));
        upload.setId("import-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_FILE);
        upload.setAcceptedFileTypes(".jsonl", ".ndjson", ".json", ".txt", "application/x-ndjson", "application/json");
        upload.setDropLabel(new com.vaadin.flow.component.html.Span("Drop a .jsonl export here"));
        add(what, target, upload, report);
        var close = new Button("Close", click -> close());
        close.setId("import-close");
        getFooter().add(close);
    }

    private static void show(Div report, MessageImportResult result) {
        report.removeAll();
        var summary = new Paragraph(result.summary() + ".");
        summary.setId("import-summary");
        report.add(summary);
        if (!result.refusals().isEmpty()) {
            var refused = new UnorderedList();
            refused.addClassName("import-refusals");
            result.refusals().forEach(r -> refused.add(new ListItem(r)));
            report.add(new Paragraph("Refused lines (nothing of them was kept):"), refused);
        }
    }
}
