package dev.dlqconsole.runbook;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A runbook as the console serves it. An empty {@code dlqPatterns} or {@code reasonPatterns} places no
 * constraint: the runbook applies to every DLQ, or to every failure.
 *
 * @param dlqPatterns globs on DLQ names, {@code *} for any run of characters and {@code ?} for one
 * @param reasonPatterns regular expressions searched for (not matched whole) in a failure reason or fingerprint
 * @param summaryHtml the text before the first step, sanitised
 * @param source the file the runbook came from
 * @param replayNever the runbook says its failures must not be replayed ({@code replay: never}): the
 *     payload itself is the problem, and every replay would fail again; replay previews mark them
 */
public record Runbook(
        String id,
        String title,
        Severity severity,
        List<String> dlqPatterns,
        List<Pattern> reasonPatterns,
        String summaryHtml,
        List<RunbookStep> steps,
        String source,
        boolean replayNever) {

    public Runbook {
        dlqPatterns = List.copyOf(dlqPatterns);
        reasonPatterns = List.copyOf(reasonPatterns);
        steps = List.copyOf(steps);
    }

    public boolean appliesToDlq(String dlqName) {
        return dlqPatterns.isEmpty() || dlqPatterns.stream().anyMatch(glob -> DlqGlob.matches(glob, dlqName));
    }

    public boolean appliesToReason(String reasonOrFingerprint) {
        return reasonPatterns.isEmpty()
                || reasonPatterns.stream()
                        .anyMatch(
                                pattern -> pattern.matcher(reasonOrFingerprint).find());
    }

    public Optional<RunbookStep> step(int number) {
        return steps.stream().filter(step -> step.number() == number).findFirst();
    }
}
