package dev.dlqconsole.parking;

import com.github.difflib.text.DiffRowGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * A side-by-side line diff of two texts (java-diff-utils' Myers diff), for a person to read: rows
 * that changed, with {@link #CONTEXT} unchanged lines around them; longer runs of unchanged lines
 * fold into one {@link Kind#FOLDED} row that says how many. Lines are text, never markup.
 */
public record TextDiff(List<Row> rows, int changedLines) {

    static final int CONTEXT = 3;

    private static final DiffRowGenerator rowsOf = DiffRowGenerator.create()
            .showInlineDiffs(false)
            .lineNormalizer(line -> line)
            .ignoreWhiteSpaces(false)
            .build();

    public enum Kind {
        SAME,
        CHANGED,
        ADDED,
        REMOVED,
        FOLDED
    }

    /** One line on each side ({@code left} empty for an added line, {@code right} for a removed one). */
    public record Row(Kind kind, int leftLine, String left, int rightLine, String right) {}

    public boolean same() {
        return changedLines == 0;
    }

    public static TextDiff of(String before, String after) {
        var all = rowsOf.generateDiffRows(lines(before), lines(after));
        var rows = new ArrayList<Row>(all.size());
        int left = 0;
        int right = 0;
        int changed = 0;
        for (var row : all) {
            var kind = switch (row.getTag()) {
                case EQUAL -> Kind.SAME;
                case CHANGE -> Kind.CHANGED;
                case INSERT -> Kind.ADDED;
                case DELETE -> Kind.REMOVED;
            };
            if (kind != Kind.ADDED) {
                left++;
            }
            if (kind != Kind.REMOVED) {
                right++;
            }
            if (kind != Kind.SAME) {
                changed++;
            }
            rows.add(new Row(
                    kind,
                    kind == Kind.ADDED ? 0 : left,
                    kind == Kind.ADDED ? "" : row.getOldLine(),
                    kind == Kind.REMOVED ? 0 : right,
                    kind == Kind.REMOVED ? "" : row.getNewLine()));
        }
        return new TextDiff(fold(rows), changed);
    }

    /** Unchanged lines further than {@link #CONTEXT} from any change become one folded row. */
    private static List<Row> fold(List<Row> rows) {
        var near = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).kind() != Kind.SAME) {
                for (int j = Math.max(0, i - CONTEXT); j <= Math.min(rows.size() - 1, i + CONTEXT); j++) {
                    near[j] = true;
                }
            }
        }
        var folded = new ArrayList<Row>();
        int run = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (near[i]) {
                if (run > 0) {
                    folded.add(foldedRow(run));
                    run = 0;
                }
                folded.add(rows.get(i));
            } else {
                run++;
            }
        }
        if (run > 0) {
            folded.add(foldedRow(run));
        }
        return List.copyOf(folded);
    }

    private static Row foldedRow(int lines) {
        var text = lines == 1 ? "1 unchanged line" : String.format("%,d unchanged lines", lines);
        return new Row(Kind.FOLDED, 0, text, 0, text);
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\r?\n", -1));
    }
}
