package dev.dlqconsole.runbook;

import java.util.ArrayList;
import java.util.List;

/** The problems found in one runbook file, so every check can name a line without repeating the file. */
final class Problems {

    private final String file;
    private final List<RunbookProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(int line, String message) {
        found.add(new RunbookProblem(file, line, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<RunbookProblem> list() {
        return List.copyOf(found);
    }
}
