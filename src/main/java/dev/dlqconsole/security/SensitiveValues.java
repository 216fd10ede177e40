package dev.dlqconsole.security;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The configured sensitive values ({@code dlq-console.security.masking.*}) and how to hide them:
 * attributes by name, body fields by name in JSON, in {@code key=value} and {@code name: value} text
 * (header lines, Python-style dicts). What people see and search of a message is masked when it is
 * parked (docs/decisions/010); the parking lot also keeps the message as it came, for a replay, which
 * sends it so, and for an admin's audited unmask.
 */
@Component
public class SensitiveValues {

    /** What a masked value shows instead: never a value a real message would hold. */
    public static final String MARKER = "••••••";

    private final Set<String> attributes;
    private final Set<String> bodyFieldNames;
    private final FieldMask bodyFields;

    @Autowired
    SensitiveValues(SecurityProperties properties) {
        this(properties.masking().attributes(), properties.masking().bodyFields());
    }

    public SensitiveValues(Collection<String> attributes, Collection<String> bodyFields) {
        this.attributes = lowerCase(attributes);
        this.bodyFieldNames = lowerCase(bodyFields);
        this.bodyFields = new FieldMask(bodyFieldNames);
    }

    /** Whether a message attribute of this name is masked, whatever its type. */
    public boolean isSensitiveAttribute(String name) {
        return attributes.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * A body (or the start of one) with the values of sensitive fields masked: JSON keeps its shape,
     * so it still pretty-prints; anything else is read as {@code key=value} text.
     */
    public MaskedText mask(String body) {
        return bodyFields.mask(body);
    }

    /**
     * The rules as one line (the sorted names, and a version of how they are applied): what the
     * parking lot keeps beside each row to know whether it was masked by the rules in force.
     */
    public String rules() {
        return "v2|" + String.join(",", new java.util.TreeSet<>(attributes)) + "|"
                + String.join(",", new java.util.TreeSet<>(bodyFieldNames));
    }

    static Set<String> lowerCase(Collection<String> names) {
        return names.stream()
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
