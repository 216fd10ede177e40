package dev.dlqconsole.runbook;

import java.util.List;

/** One load of the runbook folder: what loaded, and why the rest did not. */
record RunbookCatalog(List<Runbook> runbooks, List<RunbookProblem> problems) {

    RunbookCatalog {
        runbooks = List.copyOf(runbooks);
        problems = List.copyOf(problems);
    }
}
