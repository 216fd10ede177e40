package dev.dlqconsole.parking;

import dev.dlqconsole.audit.AuditEntry;
import dev.dlqconsole.audit.AuditEvent;
import dev.dlqconsole.audit.AuditLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One export a user may run (the role was checked when {@link ParkingService#export} made it): it reads
 * the selection by keyset, a page at a time, and writes each page before reading the next, so the heap
 * holds one page however many messages match. No transaction spans it: a download of a million messages
 * would hold a connection and a snapshot for minutes, and paging by id needs neither. It records one
 * {@code message.export} audit event when the stream ends, with how many messages it wrote.
 */
public final class MessageExport {

    /** Messages read and written at a time: a JSON Lines page holds their bodies, up to 1 MiB each. */
    static final int PAGE = 100;

    private static final String[] CSV_HEADER = {
        "Id", "Parked", "Connection", "DLQ", "Source", "Failure reason", "Receives", "Trace", "Status", "Body"
    };

    private final MessageFilter filter;
    private final ExportFormat format;
    private final String user;
    private final ParkingLot lot;
    private final ShownMessages shown;
    private final AuditLog audit;
    private final JsonMapper json;

    MessageExport(
            MessageFilter filter,
            ExportFormat format,
            String user,
            ParkingLot lot,
            ShownMessages shown,
            AuditLog audit,
            JsonMapper json) {
        this.filter = filter;
        this.format = format;
        this.user = user;
        this.lot = lot;
        this.shown = shown;
        this.audit = audit;
        this.json = json;
    }

    public String contentType() {
        return format.contentType();
    }

    /** "dlq-messages.jsonl": the same name for every export, so the browser numbers repeated ones. */
    public String fileName() {
        return "dlq-messages." + format.extension();
    }

    /** Writes every matching message, newest first, and returns how many; the stream stays open. */
    public long writeTo(OutputStream out) {
        long rows = 0;
        var event = AuditEntry.of("message.export", filter.describe(), null).by(user);
        try {
            var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            if (format == ExportFormat.CSV) {
                writer.write(CsvCells.row(CSV_HEADER));
            }
            @Nullable Long before = null;
            List<MessageRow> page;
            do {
                page = lot.page(filter, before, PAGE);
                rows += write(page, writer);
                writer.flush();
                before = page.isEmpty() ? null : page.getLast().id();
            } while (page.size() == PAGE);
        } catch (IOException | RuntimeException e) {
            audit.recordAlone(event.withOutcome(
                    AuditEvent.Outcome.FAILED, "stopped after " + rows + " messages as " + format.label() + ": " + e));
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        audit.recordAlone(event.withDetail(rows + " messages as " + format.label()));
        return rows;
    }

    private int write(List<MessageRow> page, Writer writer) throws IOException {
        if (format == ExportFormat.CSV) {
            for (var row : page) {
                writer.write(csv(row));
            }
            return page.size();
        }
        var messages = lot.stored(page.stream().map(MessageRow::id).toList());
        for (var message : messages) {
            writer.write(json.writeValueAsString(ExportLine.of(shown.masked(message))));
            writer.write('\n');
        }
        return messages.size();
    }

    /** The grid's columns; its preview and reason were masked when the message was parked. */
    private static String csv(MessageRow row) {
        return CsvCells.row(
                String.valueOf(row.id()),
                row.parkedAt().toString(),
                row.connection(),
                row.dlq(),
                row.source() == null ? "" : row.source(),
                row.failureReason() == null ? "" : row.failureReason(),
                String.valueOf(row.receiveCount()),
                row.traceId() == null ? "" : row.traceId(),
                row.status().name().toLowerCase(java.util.Locale.ROOT),
                row.bodyPreview());
    }
}
