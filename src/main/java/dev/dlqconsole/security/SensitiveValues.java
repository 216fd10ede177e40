package dev.dlqconsole.security;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The configured sensitive values ({@code dlq-console.security.masking.*}) and how to hide them:
 * attributes by name, body fields by name in JSON and in {@code key=value} text. Masking is for
 * display; the parking lot keeps every message as it came, and a replay sends it so.
 */
@Component
public class SensitiveValues {

    /** What a masked value shows instead: never a value a real message would hold. */
    public static final String MARKER = "••••••";

    private final Set<String> attributes;
    private final FieldMask bodyFields;

    @Autowired
    SensitiveValues(SecurityProperties properties) {
        this(properties.masking().attributes(), properties.masking().bodyFields());
    }

    public SensitiveValues(Collection<String> attributes, Collection<String> bodyFields) {
        this.attributes = lowerCase(attributes);
        this.bodyFields = new FieldMask(lowerCase(bodyFields));
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

    static Set<String> lowerCase(Collection<String> names) {
        return names.stream()
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
