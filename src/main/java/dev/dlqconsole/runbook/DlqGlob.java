package dev.dlqconsole.runbook;

import java.util.regex.Pattern;

/**
 * Glob patterns on DLQ names: {@code *} stands for any run of characters, {@code ?} for one. Everything else
 * is literal, so the dot in {@code payments-*.fifo} is a dot. Case matters, as it does for SQS queue names.
 */
final class DlqGlob {

    /** The characters of SQS queue names (letters, digits, hyphens, underscores, the dot of .fifo) and wildcards. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.*?-]{1,80}");

    private DlqGlob() {}

    static boolean isValid(String glob) {
        return VALID.matcher(glob).matches();
    }

    static boolean matches(String glob, String dlqName) {
        return toRegex(glob).matcher(dlqName).matches();
    }

    private static Pattern toRegex(String glob) {
        var regex = new StringBuilder();
        var literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
    }
}
