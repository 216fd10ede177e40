package dev.dlqconsole.runbook.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.dlqconsole.runbook.Runbook;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which DLQs and failures a runbook is for, written for people: "every DLQ" rather than {@code *}, and each
 * reason pattern cut at its top-level alternatives, without the case flag, so a long regex reads as a list.
 */
final class AppliesTo extends Div {

    private static final Pattern INLINE_FLAGS = Pattern.compile("^\\(\\?[a-zA-Z]+\\)");

    /** @param limit how many reason alternatives to show before "+n more" */
    AppliesTo(Runbook runbook, int limit) {
        addClassName("applies-to");
        add(line("DLQs", dlqs(runbook), limit));
        var reasons = runbook.reasonPatterns().stream()
                .flatMap(pattern -> alternatives(pattern).stream())
                .toList();
        var failures = line("Failures", reasons, limit);
        if (!reasons.isEmpty()) {
            failures.setTitle(
                    "Found anywhere in the failure reason, ignoring case where the pattern starts with (?i):\n"
                            + String.join(
                                    "\n",
                                    runbook.reasonPatterns().stream()
                                            .map(Pattern::pattern)
                                            .toList()));
        }
        add(failures);
    }

    private static List<String> dlqs(Runbook runbook) {
        return runbook.dlqPatterns().contains("*") ? List.of() : runbook.dlqPatterns();
    }

    private static Div line(String label, List<String> patterns, int limit) {
        var name = new Span(label);
        name.addClassName("applies-label");
        var values = new Div();
        values.addClassName("applies-values");
        if (patterns.isEmpty()) {
            var every = new Span(label.equals("DLQs") ? "every DLQ" : "every failure");
            every.addClassName("applies-every");
            values.add(every);
        }
        patterns.stream().limit(limit).forEach(pattern -> {
            var chip = new Span(pattern);
            chip.addClassName("pattern-chip");
            values.add(chip);
        });
        if (patterns.size() > limit) {
            var more = new Span("+" + (patterns.size() - limit) + " more");
            more.addClassName("applies-more");
            values.add(more);
        }
        var line = new Div(name, values);
        line.addClassName("applies-line");
        return line;
    }

    /**
     * A reason regex as the alternatives it lists: {@code (?i)connection (refused|reset)|ConnectException}
     * becomes {@code connection (refused|reset)} and {@code ConnectException}. Word boundaries are dropped, as a
     * reader does not need them; everything else is shown as written.
     */
    static List<String> alternatives(Pattern pattern) {
        var regex = INLINE_FLAGS.matcher(pattern.pattern()).replaceFirst("");
        var parts = new ArrayList<String>();
        var part = new StringBuilder();
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                part.append(c).append(regex.charAt(++i));
                continue;
            }
            if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts.stream()
                .map(alternative -> alternative.replace("\\b", "").strip())
                .filter(alternative -> !alternative.isEmpty())
                .toList();
    }
}
