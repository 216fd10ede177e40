package dev.dlqconsole.runbook;

/**
 * Why a runbook file was not loaded. {@code line} is 1-based; 0 means the file as a whole (it could not be
 * read).
 */
public record RunbookProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
