package dev.dlqconsole.parking.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.dlqconsole.parking.TextDiff;
import java.util.Locale;

/**
 * A side-by-side line diff: before on the left, after on the right, changed lines marked, long runs of
 * unchanged lines folded. Every line is a text node, so a body's markup stays inert.
 */
class DiffView extends Div {

    /** Rows beyond this are left out (a 1 MiB body changed everywhere would freeze the browser). */
    static final int MAX_ROWS = 2_000;

    DiffView(TextDiff diff, String before, String after) {
        addClassName("diff");
        var head = new Div(label(before), label(after));
        head.addClassName("diff-head");
        add(head);
        if (diff.same()) {
            var same = new Div(new Span("No change"));
            same.addClassNames("diff-row", "diff-folded");
            add(same);
            return;
        }
        int shown = 0;
        for (var row : diff.rows()) {
            if (shown++ == MAX_ROWS) {
                var more = new Div(new Span(
                        String.format("… %,d more rows not shown", diff.rows().size() - MAX_ROWS)));
                more.addClassNames("diff-row", "diff-folded");
                add(more);
                break;
            }
            var line = new Div();
            line.addClassNames("diff-row", "diff-" + row.kind().name().toLowerCase(Locale.ROOT));
            if (row.kind() == TextDiff.Kind.FOLDED) {
                line.add(new Span(row.left()));
            } else {
                line.add(
                        number(row.leftLine()),
                        text(row.left(), row.kind() != TextDiff.Kind.ADDED),
                        number(row.rightLine()),
                        text(row.right(), row.kind() != TextDiff.Kind.REMOVED));
            }
            add(line);
        }
    }

    private static Span label(String text) {
        var label = new Span(text);
        label.addClassName("diff-label");
        return label;
    }

    private static Span number(int line) {
        var number = new Span(line == 0 ? "" : Integer.toString(line));
        number.addClassName("diff-number");
        return number;
    }

    private static Span text(String text, boolean present) {
        var span = new Span(text);
        span.addClassNames("diff-text", present ? "diff-side" : "diff-empty");
        return span;
    }
}
