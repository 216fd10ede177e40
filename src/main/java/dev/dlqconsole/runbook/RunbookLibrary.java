package dev.dlqconsole.runbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The runbooks the console serves, read once at start and again on {@link #reload()}. A broken file never
 * hides the good ones: it is left out and listed in {@link #problems()}.
 */
@Service
public class RunbookLibrary {

    private static final Logger log = LoggerFactory.getLogger(RunbookLibrary.class);

    private final Path folder;
    private final RunbookParser parser = new RunbookParser();
    private volatile RunbookCatalog catalog;

    RunbookLibrary(RunbookProperties properties) {
        this.folder = properties.folderPath();
        this.catalog = load();
    }

    /** Every loaded runbook, in file-name order. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<Runbook> all() {
        return catalog.runbooks();
    }

    @PreAuthorize("hasRole('VIEWER')")
    public Optional<Runbook> find(String id) {
        return catalog.runbooks().stream()
                .filter(runbook -> runbook.id().equals(id))
                .findFirst();
    }

    /** Why some runbook files were not loaded, with file and line, for whoever maintains them. */
    @PreAuthorize("hasRole('VIEWER')")
    public List<RunbookProblem> problems() {
        return catalog.problems();
    }

    /**
     * The runbooks for a failure on this DLQ, most specific first (see {@link #specificity}), then by severity
     * and title. Without a reason nothing can be ruled out by it, so every runbook for the DLQ is returned.
     */
    @PreAuthorize("hasRole('VIEWER')")
    public List<Runbook> applicableTo(String dlqName, @Nullable String reason) {
        return applicable(List.of(dlqName), reason);
    }

    /**
     * The runbooks for a failure seen on any of these DLQs (a failure group spans several), ordered as
     * {@link #applicableTo(String, String)} orders them.
     */
    @PreAuthorize("hasRole('VIEWER')")
    public List<Runbook> applicableToAny(List<String> dlqNames, @Nullable String reason) {
        return applicable(dlqNames, reason);
    }

    private List<Runbook> applicable(List<String> dlqNames, @Nullable String reason) {
        var known = reason == null || reason.isBlank() ? null : reason;
        return catalog.runbooks().stream()
                .filter(runbook -> dlqNames.stream().anyMatch(runbook::appliesToDlq))
                .filter(runbook -> known == null || runbook.appliesToReason(known))
                .sorted(Comparator.comparingInt(RunbookLibrary::specificity)
                        .reversed()
                        .thenComparing(Runbook::severity)
                        .thenComparing(Runbook::title))
                .toList();
    }

    /**
     * How many of the two questions (which DLQ, which failure) a runbook narrows down. A runbook written for
     * FIFO queues or for timeouts says more about this failure than a catch-all triage runbook does.
     */
    private static int specificity(Runbook runbook) {
        var dlqs = runbook.dlqPatterns();
        return (dlqs.isEmpty() || dlqs.contains("*") ? 0 : 1)
                + (runbook.reasonPatterns().isEmpty() ? 0 : 1);
    }

    /** Reads the folder again, for runbooks edited while the console runs. */
    @PreAuthorize("hasRole('ADMIN')")
    public void reload() {
        catalog = load();
    }

    private RunbookCatalog load() {
        var from = Files.isDirectory(folder) ? folder.toAbsolutePath().toString() : RunbookFiles.PACKAGED;
        RunbookCatalog loaded;
        try {
            loaded = parser.load(RunbookFiles.find(folder));
        } catch (IOException e) {
            loaded = new RunbookCatalog(
                    List.of(), List.of(new RunbookProblem(from, 0, "cannot list the runbooks: " + e.getMessage())));
        }
        log.info("Loaded {} runbooks from {}", loaded.runbooks().size(), from);
        loaded.problems().forEach(problem -> log.warn("Runbook not loaded: {}", problem));
        return loaded;
    }
}
