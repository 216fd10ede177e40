package dev.dlqconsole.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * A request's query parameters, read one at a time, each mistake a {@link BadInput} naming the
 * parameter. A parameter nobody read is refused: a misspelt filter must not quietly match everything.
 */
final class QueryParameters {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final String LIMIT = "How many items a page holds.";

    private final MultiValueMap<String, String> parameters;
    private final Set<String> read = new HashSet<>();

    QueryParameters(MultiValueMap<String, String> parameters) {
        this.parameters = parameters;
    }

    /** The value, or null when the parameter is absent or blank. */
    @Nullable
    String text(String name) {
        read.add(name);
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadInput(name, "is given " + values.size() + " times; give it once");
        }
        var value = values.getFirst();
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Nullable
    Long whole(String name) {
        var value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadInput(name, "must be a whole number, not '" + value + "'");
        }
    }

    @Nullable
    Boolean bool(String name) {
        return FilterInput.bool(name, text(name));
    }

    /** How many items a page holds: {@value #DEFAULT_LIMIT} unless asked, at most {@value #MAX_LIMIT}. */
    int limit() {
        var limit = whole("limit");
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadInput("limit", "must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return limit.intValue();
    }

    /** Refuses the parameters no one read. Call it after reading all the known ones. */
    void refuseUnknown() {
        var unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new BadInput(
                    unknown.first(),
                    "is not a parameter of this endpoint; it takes " + String.join(", ", new TreeSet<>(read)));
        }
    }
}
