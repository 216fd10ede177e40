package dev.dlqconsole.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** A page of Prometheus' text format, read back sample by sample. */
record PrometheusScrape(String text) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The value of the sample named {@code name} whose labels include all of {@code labels}. */
    OptionalDouble value(String name, Map<String, String> labels) {
        for (var line : text.lines().toList()) {
            var sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            var found = new HashMap<String, String>();
            if (sample.group(2) != null) {
                var label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    found.put(label.group(1), label.group(2));
                }
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                return OptionalDouble.of(Double.parseDouble(sample.group(3)));
            }
        }
        return OptionalDouble.empty();
    }
}
