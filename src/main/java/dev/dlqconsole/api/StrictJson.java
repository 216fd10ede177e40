package dev.dlqconsole.api;

import java.util.Collection;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body into its record strictly: an unknown field is refused (a misspelt
 * {@code dryRun} must not start a real replay), and so is a value of the wrong type ("50" for a
 * number), each with the field's name.
 */
final class StrictJson {

    private static final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private StrictJson() {}

    static <T> T read(JsonNode body, Class<T> type) {
        if (!body.isObject()) {
            throw new BadInput("body", "must be a JSON object");
        }
        try {
            return json.treeToValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            var known = e.getKnownPropertyIds().stream()
                    .map(String::valueOf)
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw new BadInput(path(e), "is not a field here; the fields are " + known);
        } catch (MismatchedInputException e) {
            throw new BadInput(path(e), "must be " + expected(e.getTargetType()));
        } catch (JacksonException e) {
            throw new BadInput(path(e), "cannot be read: " + e.getOriginalMessage());
        }
    }

    /** "filter.status", "ids[2]". */
    private static String path(JacksonException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
