package dev.dlqconsole.security;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Masks the values of named fields in one pass over the text, without parsing it into a tree: a
 * preview cut off in the middle of a document is masked as well as a whole 1 MiB body, and the text
 * around each value stays byte for byte as it was.
 *
 * <p>JSON: the value of a matching key anywhere in the document, a string, number or boolean,
 * becomes the string {@link SensitiveValues#MARKER}; an object or array under a matching key keeps
 * its keys and has each value masked. {@code null} stays: that a token was missing is no secret, and
 * often the failure. A string that holds JSON or {@code key=value} text of its own (SNS wraps a message
 * this way) is masked inside. Other text: {@code name=value} where the name starts the text or follows
 * something that cannot be part of a name. Why a scanner: docs/decisions/006-masking-sensitive-values.md.
 */
final class FieldMask {

    private static final String QUOTED_MARKER = "\"" + SensitiveValues.MARKER + "\"";
    /** JSON in a string in JSON in a string…: deep enough for real envelopes, bounded for hostile ones. */
    private static final int MAX_NESTING = 4;

    private final Set<String> names;
    private final @Nullable Pattern pairs;
    private final @Nullable Pattern quotedKeys;
    private final @Nullable Pattern headerLines;
    private final @Nullable Pattern colonPairs;

    FieldMask(Set<String> lowerCaseNames) {
        this.names = lowerCaseNames;
        this.pairs = lowerCaseNames.isEmpty()
                ? null
                : Pattern.compile(
                        "(?<![\\w.\\-])(?:"
                                + lowerCaseNames.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                                // A quoted value up to its closing quote (escaped quotes inside, or cut off
                                // by a preview), or a bare one with a scheme word ("Bearer eyJ…") kept whole.
                                + ")=(\"(?:[^\"\\\\]|\\\\.)*+\"?|'(?:[^'\\\\]|\\\\.)*+'?"
                                + "|(?:(?:bearer|basic|digest)\\s+)?[^&;,\\s\"'})\\]]+)",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        var alternatives = lowerCaseNames.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        var flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        // Python's repr and other almost-JSON: {'password': 'x'}, {"token": x} where the whole is not JSON.
        this.quotedKeys = lowerCaseNames.isEmpty()
                ? null
                : Pattern.compile(
                        "(['\"])(?:" + alternatives + ")\\1[ \\t]*:[ \\t]*"
                                + "('(?:[^'\\\\]|\\\\.)*+'?|\"(?:[^\"\\\\]|\\\\.)*+\"?|[^,;}\\]\\s]+)",
                        flags);
        // A header line (HTTP, MIME, a log of the request): "Authorization: Bearer eyJ…", to its end.
        this.headerLines = lowerCaseNames.isEmpty()
                ? null
                : Pattern.compile(
                        "^[ \\t]*(?:" + alternatives + ")[ \\t]*:[ \\t]*([^\\r\\n]*[^\\s])", flags | Pattern.MULTILINE);
        // The same inside a line ("sent token: abc"): one value, with its auth scheme if it has one.
        this.colonPairs = lowerCaseNames.isEmpty()
                ? null
                : Pattern.compile(
                        "(?<![\\w.\\-])(?:" + alternatives + ")[ \\t]*:[ \\t]*"
                                + "((?:(?:bearer|basic|digest)\\s+)?[^&;,\\s\"'})\\]]+)",
                        flags);
    }

    MaskedText mask(String text) {
        return mask(text, 0);
    }

    private MaskedText mask(String text, int nesting) {
        if (names.isEmpty() || text.isEmpty()) {
            return new MaskedText(text, 0);
        }
        var first = firstNonWhitespace(text, 0, text.length());
        if (first == '{' || first == '[' || first == '"') {
            var json = json(text, nesting);
            if (json != null) {
                return json;
            }
        }
        return pairs(text);
    }

    /** Null when the text turns out not to be JSON (a Java {@code Map.toString()}, say). */
    private @Nullable MaskedText json(String s, int nesting) {
        var out = new StringBuilder();
        int copied = 0;
        int masked = 0;
        var containers = new StringBuilder(); // the open '{' and '[', innermost last
        int maskAllFrom = -1; // inside a sensitive object or array: the depth at which it opened
        boolean expectKey = false;
        boolean sensitiveValue = false; // the next value is a sensitive key's
        boolean lenient = false; // a token JSON does not allow (NaN, a comment, trailing text)
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            switch (c) {
                case '{', '[' -> {
                    containers.append(c);
                    if (sensitiveValue && maskAllFrom < 0) {
                        maskAllFrom = containers.length();
                    }
                    sensitiveValue = false;
                    expectKey = c == '{';
                    i++;
                }
                case '}', ']' -> {
                    if (!containers.isEmpty()) {
                        containers.setLength(containers.length() - 1);
                    }
                    if (maskAllFrom > containers.length()) {
                        maskAllFrom = -1;
                    }
                    expectKey = false;
                    sensitiveValue = false;
                    i++;
                }
                case ',' -> {
                    expectKey = !containers.isEmpty() && containers.charAt(containers.length() - 1) == '{';
                    sensitiveValue = false;
                    i++;
                }
                case '"' -> {
                    int close = closingQuote(s, i);
                    int contentEnd = close < 0 ? n : close; // a preview may cut a string off
                    int end = close < 0 ? n : close + 1;
                    if (expectKey) {
                        sensitiveValue =
                                names.contains(unescape(s, i + 1, contentEnd).toLowerCase(Locale.ROOT));
                        expectKey = false;
                    } else if (sensitiveValue || maskAllFrom >= 0) {
                        out.append(s, copied, i).append(QUOTED_MARKER);
                        copied = end;
                        masked++;
                        sensitiveValue = false;
                    } else {
                        var inner = inString(s, i + 1, contentEnd, nesting);
                        if (inner.masked() > 0) {
                            out.append(s, copied, i).append('"');
                            escape(inner.text(), out);
                            out.append('"');
                            copied = end;
                            masked += inner.masked();
                        }
                    }
                    i = end;
                }
                default -> {
                    if (isWhitespace(c) || c == ':') {
                        i++;
                        continue;
                    }
                    int end = literalEnd(s, i);
                    if (expectKey) {
                        return null; // an unquoted key: not JSON (a Java Map.toString(), say)
                    }
                    if (!jsonLiteral(s, i, end)) {
                        // Almost JSON: keep masking what is, and look at the text as name=value too.
                        lenient = true;
                        sensitiveValue = false;
                        i = end;
                        continue;
                    }
                    if ((sensitiveValue || maskAllFrom >= 0) && !s.startsWith("null", i)) {
                        out.append(s, copied, i).append(QUOTED_MARKER);
                        copied = end;
                        masked++;
                    }
                    sensitiveValue = false;
                    i = end;
                }
            }
        }
        var result = masked == 0 ? s : out.append(s, copied, n).toString();
        if (lenient) {
            var more = pairs(result);
            return new MaskedText(more.text(), masked + more.masked());
        }
        return new MaskedText(result, masked);
    }

    /** A string value's content: masked itself when it holds JSON or key=value text. */
    private MaskedText inString(String s, int from, int to, int nesting) {
        if (nesting >= MAX_NESTING || from >= to) {
            return new MaskedText("", 0);
        }
        var first = firstNonWhitespace(s, from, to);
        if (first != '{' && first != '[' && !contains(s, '=', from, to)) {
            return new MaskedText("", 0);
        }
        return mask(unescape(s, from, to), nesting + 1);
    }

    private MaskedText pairs(String text) {
        var result = new MaskedText(text, 0);
        if (text.indexOf('=') >= 0) {
            result = replace(result, pairs, false);
        }
        if (text.indexOf(':') >= 0) {
            result = replace(result, quotedKeys, true);
            result = replace(result, headerLines, false);
            result = replace(result, colonPairs, false);
        }
        return result;
    }

    /** Group 1 (or with {@code quotedValue} group 2, keeping its quotes) of each match becomes the marker. */
    private static MaskedText replace(MaskedText in, @Nullable Pattern pattern, boolean quotedValue) {
        if (pattern == null) {
            return in;
        }
        var text = in.text();
        var matcher = pattern.matcher(text);
        var out = new StringBuilder();
        int copied = 0;
        int masked = 0;
        int group = quotedValue ? 2 : 1;
        while (matcher.find()) {
            var value = matcher.group(group);
            var quote = quotedValue && !value.isEmpty() && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                    ? String.valueOf(value.charAt(0))
                    : "";
            var replacement = quote + SensitiveValues.MARKER + quote;
            if (value.equals(SensitiveValues.MARKER)
                    || value.equals(replacement)
                    || value.startsWith(SensitiveValues.MARKER)) {
                continue;
            }
            out.append(text, copied, matcher.start(group)).append(replacement);
            copied = matcher.end(group);
            masked++;
        }
        return masked == 0
                ? in
                : new MaskedText(out.append(text, copied, text.length()).toString(), in.masked() + masked);
    }

    /** The index of the quote that closes the string opened at {@code quote}, or -1 when it is cut off. */
    private static int closingQuote(String s, int quote) {
        int i = quote + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int literalEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isWhitespace(c) || ",:{}[]\"".indexOf(c) >= 0) {
                break;
            }
            i++;
        }
        return Math.max(i, from + 1);
    }

    /** A number, or true, false or null (or the start of one, at the end of a preview). */
    private static boolean jsonLiteral(String s, int from, int to) {
        char c = s.charAt(from);
        if (c == '-' || (c >= '0' && c <= '9')) {
            for (int i = from; i < to; i++) {
                if ("0123456789+-.eE".indexOf(s.charAt(i)) < 0) {
                    return false;
                }
            }
            return true;
        }
        var word = s.substring(from, to);
        var cutOff = to == s.length();
        return word.equals("true")
                || word.equals("false")
                || word.equals("null")
                || (cutOff && ("true".startsWith(word) || "false".startsWith(word) || "null".startsWith(word)));
    }

    /** Whitespace, and the byte-order mark some producers put in front of a JSON document. */
    private static boolean isWhitespace(char c) {
        return Character.isWhitespace(c) || c == '\uFEFF';
    }

    private static char firstNonWhitespace(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isWhitespace(s.charAt(i))) {
                return s.charAt(i);
            }
        }
        return ' ';
    }

    /** A JSON string's content as text; an escape cut off at the end stays as it is. */
    private static String unescape(String s, int from, int to) {
        if (!contains(s, '\\', from, to)) {
            return s.substring(from, to);
        }
        var out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= to) {
                out.append(c);
                i++;
                continue;
            }
            char e = s.charAt(i + 1);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 6 <= to && isHex(s, i + 2, i + 6)) {
                        out.append((char) Integer.parseInt(s, i + 2, i + 6, 16));
                        i += 4;
                    } else {
                        out.append("\\u");
                    }
                }
                default -> out.append(e);
            }
            i += 2;
        }
        return out.toString();
    }

    /** Like indexOf, but never looks past {@code to}: a body holds many strings. */
    private static boolean contains(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
