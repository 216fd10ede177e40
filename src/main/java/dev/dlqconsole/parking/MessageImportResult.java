package dev.dlqconsole.parking;

import java.util.List;

/**
 * What an import did: lines read, messages parked, messages already here from an earlier import of the
 * same file, lines refused (the first few with their line number and why), and how many imported
 * messages carry masked values (the export masked them: those values are the marker, not the original).
 */
public record MessageImportResult(
        long lines, long imported, long alreadyHere, long refused, long withMaskedValues, List<String> refusals) {

    public String summary() {
        return String.format(
                "%,d imported, %,d already here, %,d refused of %,d lines%s",
                imported,
                alreadyHere,
                refused,
                lines,
                withMaskedValues == 0 ? "" : String.format("; %,d carry masked values", withMaskedValues));
    }
}
