package dev.dlqconsole.runbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The lines between a runbook's opening and closing {@code ---}: one {@code key: value} per line, lists written
 * {@code [a, b]} on one line, blank lines and {@code #} comments allowed. Deliberately not YAML: a runbook author
 * gets a line number and a plain sentence for anything else, instead of a YAML feature silently doing something.
 */
final class FrontMatter {

    static final Set<String> KEYS =
            Set.of("id", "title", "severity", "applies-to-dlqs", "applies-to-reasons", "replay");

    /** A value as written, and the 1-based line it is on. */
    record Entry(String value, int line) {}

    private final Map<String, Entry> entries;
    private final int bodyStart;

    private FrontMatter(Map<String, Entry> entries, int bodyStart) {
        this.entries = entries;
        this.bodyStart = bodyStart;
    }

    /** Null when there is no front matter to read at all; other problems are reported and the line skipped. */
    static @Nullable FrontMatter read(List<String> lines, Problems problems) {
        if (lines.isEmpty() || !isFence(lines.getFirst())) {
            problems.add(1, "a runbook starts with front matter: a '---' line, 'key: value' lines, then '---'");
            return null;
        }
        int close = 1;
        while (close < lines.size() && !isFence(lines.get(close))) {
            close++;
        }
        if (close == lines.size()) {
            problems.add(1, "the front matter opened here is never closed: add a '---' line after its last key");
            return null;
        }
        var entries = new LinkedHashMap<String, Entry>();
        for (int i = 1; i < close; i++) {
            readLine(lines.get(i), i + 1, entries, problems);
        }
        return new FrontMatter(entries, close + 1);
    }

    private static void readLine(String text, int line, Map<String, Entry> entries, Problems problems) {
        if (text.isBlank() || text.startsWith("#")) {
            return;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || Character.isWhitespace(text.charAt(0))) {
            problems.add(line, "expected 'key: value' at the start of the line (lists go on one line: key: [a, b])");
            return;
        }
        var key = text.substring(0, colon).strip();
        if (!KEYS.contains(key)) {
            problems.add(
                    line,
                    "unknown key '" + key + "'; the keys are id, title, severity, applies-to-dlqs,"
                            + " applies-to-reasons and replay");
            return;
        }
        var earlier =
                entries.putIfAbsent(key, new Entry(text.substring(colon + 1).strip(), line));
        if (earlier != null) {
            problems.add(line, "'" + key + "' is already given on line " + earlier.line());
        }
    }

    private static boolean isFence(String line) {
        return line.strip().equals("---");
    }

    Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The 0-based index of the first line after the closing {@code ---}. */
    int bodyStart() {
        return bodyStart;
    }

    /** A scalar value, without the quotes it may be wrapped in. */
    static String scalar(String value) {
        boolean quoted = value.length() >= 2
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0);
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    /**
     * The items of {@code [a, b]}. Items are split at commas; an item wrapped in single or double quotes is
     * taken literally, commas included, which is how a regular expression such as {@code '\d{1,3}'} is written.
     *
     * @throws IllegalArgumentException saying what is wrong with the list
     */
    static List<String> list(String value) {
        if (!value.startsWith("[") || !value.endsWith("]")) {
            throw new IllegalArgumentException("expected a list on one line, like [a, b]");
        }
        var inner = value.substring(1, value.length() - 1);
        var items = new ArrayList<String>();
        var item = new StringBuilder();
        char quote = 0;
        boolean quoted = false;
        for (char c : inner.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    item.append(c);
                }
            } else if (c == ',') {
                items.add(item(item, quoted));
                item.setLength(0);
                quoted = false;
            } else if ((c == '"' || c == '\'') && !quoted && item.toString().isBlank()) {
                quote = c;
                quoted = true;
                item.setLength(0);
            } else if (quoted && !Character.isWhitespace(c)) {
                throw new IllegalArgumentException("unexpected text after the quoted item '" + item + "'");
            } else if (!quoted) {
                item.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("a quote opened before '" + item + "' is never closed");
        }
        if (items.isEmpty() && !quoted && item.toString().isBlank()) {
            return List.of();
        }
        items.add(item(item, quoted));
        return items;
    }

    private static String item(StringBuilder item, boolean quoted) {
        var text = quoted ? item.toString() : item.toString().strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the list has an empty item");
        }
        return text;
    }
}
