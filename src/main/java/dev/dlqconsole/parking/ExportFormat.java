package dev.dlqconsole.parking;

/** How an export writes messages: one JSON document a line, or the Messages grid's columns as CSV. */
public enum ExportFormat {
    JSON_LINES("application/x-ndjson", "jsonl", "JSON Lines"),
    CSV("text/csv", "csv", "CSV");

    private final String contentType;
    private final String extension;
    private final String label;

    ExportFormat(String contentType, String extension, String label) {
        this.contentType = contentType;
        this.extension = extension;
        this.label = label;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public String label() {
        return label;
    }
}
