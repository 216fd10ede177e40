package dev.dlqconsole.runbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;

/**
 * Turns runbook files into runbooks, or into problems that name the file and line. A runbook file is:
 *
 * <pre>
 * ---
 * id: downstream-outage                      # required, a-z 0-9 and '-'
 * title: A dependency was down               # required
 * severity: sev2                             # sev1 … sev4, sev3 when left out
 * applies-to-dlqs: [orders-dlq, '*.fifo']    # globs on DLQ names; left out: every DLQ
 * applies-to-reasons: ['(?i)timed? ?out']    # regexes searched in the reason; left out: every failure
 * replay: never                              # its failures must not be replayed; left out: they may be
 * ---
 * Summary: everything before the first step.
 *
 * ## 1. Confirm the blast radius
 * The step's Markdown, up to the next step heading.
 * </pre>
 *
 * Steps are the level-2 headings that start with their number and a dot, numbered 1, 2, 3 … in order; other
 * headings belong to the step they are in. A file with any problem is left out whole, so a half-read runbook
 * never reaches an on-call engineer.
 */
final class RunbookParser {

    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    private static final Pattern STEP = Pattern.compile("(\\d{1,3})\\.\\s+(\\S.*)");

    private final RunbookMarkdown markdown = new RunbookMarkdown();

    /** A file's runbook, or null with the reasons why not. */
    record Parsed(@Nullable Runbook runbook, int idLine, List<RunbookProblem> problems) {}

    /** Loads every file; when two claim the same id, the first by name keeps it. */
    RunbookCatalog load(List<Resource> files) {
        var runbooks = new ArrayList<Runbook>();
        var problems = new ArrayList<RunbookProblem>();
        var owners = new HashMap<String, String>();
        for (var file : files) {
            var name = Objects.requireNonNullElse(file.getFilename(), file.getDescription());
            final String text;
            try {
                text = file.getContentAsString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(new RunbookProblem(name, 0, "cannot be read: " + e.getMessage()));
                continue;
            }
            var parsed = parse(name, text);
            problems.addAll(parsed.problems());
            var runbook = parsed.runbook();
            if (runbook == null) {
                continue;
            }
            var owner = owners.putIfAbsent(runbook.id(), name);
            if (owner != null) {
                problems.add(new RunbookProblem(
                        name, parsed.idLine(), "id '" + runbook.id() + "' is already used by " + owner));
            } else {
                runbooks.add(runbook);
            }
        }
        return new RunbookCatalog(runbooks, problems);
    }

    Parsed parse(String file, String text) {
        var problems = new Problems(file);
        var lines = List.of(text.replaceFirst("^\uFEFF", "").split("\\R", -1));
        var frontMatter = FrontMatter.read(lines, problems);
        if (frontMatter == null) {
            return new Parsed(null, 0, problems.list());
        }
        var id = required(frontMatter, "id", problems);
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(line(frontMatter, "id"), "id '" + id + "' may only use a-z, 0-9 and '-'");
        }
        var title = required(frontMatter, "title", problems);
        var severity = severity(frontMatter, problems);
        var dlqPatterns = dlqPatterns(frontMatter, problems);
        var reasonPatterns = reasonPatterns(frontMatter, problems);
        var replayNever = replayNever(frontMatter, problems);
        var body = body(lines, frontMatter.bodyStart(), problems);
        if (!problems.isEmpty() || id == null || title == null) {
            return new Parsed(null, 0, problems.list());
        }
        var runbook = new Runbook(
                id, title, severity, dlqPatterns, reasonPatterns, body.summaryHtml(), body.steps(), file, replayNever);
        return new Parsed(runbook, line(frontMatter, "id"), List.of());
    }

    private static @Nullable String required(FrontMatter frontMatter, String key, Problems problems) {
        var value = frontMatter.get(key).map(entry -> FrontMatter.scalar(entry.value()));
        if (value.isEmpty() || value.get().isBlank()) {
            problems.add(1, "the front matter has no '" + key + "'");
            return null;
        }
        return value.get();
    }

    private static boolean replayNever(FrontMatter frontMatter, Problems problems) {
        var entry = frontMatter.get("replay");
        if (entry.isEmpty()) {
            return false;
        }
        var value = FrontMatter.scalar(entry.get().value());
        return switch (value) {
            case "never" -> true;
            case "allowed" -> false;
            default -> {
                problems.add(
                        entry.get().line(),
                        "replay '" + value + "' is not 'never' or 'allowed' (left out, replay is allowed)");
                yield false;
            }
        };
    }

    private static Severity severity(FrontMatter frontMatter, Problems problems) {
        var entry = frontMatter.get("severity");
        if (entry.isEmpty()) {
            return Severity.SEV3;
        }
        var label = FrontMatter.scalar(entry.get().value());
        return Severity.fromLabel(label).orElseGet(() -> {
            problems.add(entry.get().line(), "severity '" + label + "' is not one of sev1, sev2, sev3, sev4");
            return Severity.SEV3;
        });
    }

    private static List<String> dlqPatterns(FrontMatter frontMatter, Problems problems) {
        var globs = list(frontMatter, "applies-to-dlqs", problems);
        for (var glob : globs) {
            if (!DlqGlob.isValid(glob)) {
                problems.add(
                        line(frontMatter, "applies-to-dlqs"),
                        "'" + glob + "' is not a DLQ name pattern: use letters, digits, '-', '_', '.', and"
                                + " the wildcards '*' and '?'");
            }
        }
        return globs;
    }

    private static List<Pattern> reasonPatterns(FrontMatter frontMatter, Problems problems) {
        var patterns = new ArrayList<Pattern>();
        for (var regex : list(frontMatter, "applies-to-reasons", problems)) {
            try {
                patterns.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                problems.add(
                        line(frontMatter, "applies-to-reasons"),
                        "'" + regex + "' is not a valid regular expression (" + e.getDescription()
                                + "); quote an item that contains a comma");
            }
        }
        return patterns;
    }

    private static List<String> list(FrontMatter frontMatter, String key, Problems problems) {
        var entry = frontMatter.get(key);
        if (entry.isEmpty()) {
            return List.of();
        }
        try {
            return FrontMatter.list(entry.get().value());
        } catch (IllegalArgumentException e) {
            problems.add(entry.get().line(), key + ": " + e.getMessage());
            return List.of();
        }
    }

    private static int line(FrontMatter frontMatter, String key) {
        return frontMatter.get(key).map(FrontMatter.Entry::line).orElse(1);
    }

    private record Body(String summaryHtml, List<RunbookStep> steps) {}

    private record StepBlocks(int number, String title, List<Node> blocks) {}

    private Body body(List<String> lines, int bodyStart, Problems problems) {
        var document = markdown.parse(String.join("\n", lines.subList(bodyStart, lines.size())));
        var summary = new ArrayList<Node>();
        var steps = new ArrayList<StepBlocks>();
        for (var node = document.getFirstChild(); node != null; node = node.getNext()) {
            var step = node instanceof Heading heading && heading.getLevel() == 2
                    ? STEP.matcher(markdown.plainText(heading))
                    : null;
            if (step != null && step.matches()) {
                int number = Integer.parseInt(step.group(1));
                int expected = steps.size() + 1;
                if (number != expected) {
                    problems.add(
                            bodyStart + lineIndex(node) + 1,
                            "step " + number + " should be step " + expected + ": number the steps 1, 2, 3 … in"
                                    + " order");
                }
                steps.add(new StepBlocks(number, step.group(2).strip(), new ArrayList<>()));
            } else {
                (steps.isEmpty() ? summary : steps.getLast().blocks()).add(node);
            }
        }
        if (steps.isEmpty()) {
            problems.add(
                    bodyStart + 1,
                    "no numbered steps: write each step as a heading like '## 1. Confirm the blast radius'");
        }
        return new Body(
                markdown.safeHtml(summary),
                steps.stream()
                        .map(step -> new RunbookStep(step.number(), step.title(), markdown.safeHtml(step.blocks())))
                        .toList());
    }

    private static int lineIndex(Node node) {
        var spans = node.getSourceSpans();
        return spans.isEmpty() ? 0 : spans.getFirst().getLineIndex();
    }
}
