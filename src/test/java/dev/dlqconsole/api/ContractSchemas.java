package dev.dlqconsole.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON answer against a schema of the generated contract: the JSON Schema keywords the
 * contract uses ({@code $ref}, {@code type}, {@code properties}, {@code required},
 * {@code additionalProperties}, {@code items}, {@code enum}, {@code const}, date-time and int32
 * formats). Stricter than JSON Schema in one way: an object without {@code additionalProperties}
 * may hold only the properties its schema names, so a field the API sends and the contract does not
 * know is a mismatch too.
 */
record ContractSchemas(Map<String, Object> contract) {

    /** What in {@code json} disagrees with {@code schema}, one line each; empty when it conforms. */
    List<String> mismatches(JsonNode json, Map<String, Object> schema) {
        var found = new ArrayList<String>();
        check(json, schema, "$", found);
        return found;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resolve(Map<String, Object> schema) {
        var ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        Object node = contract;
        for (var part : String.valueOf(ref).substring(2).split("/")) {
            node = ((Map<String, Object>) node).get(part);
            if (node == null) {
                throw new AssertionError(ref + " does not resolve");
            }
        }
        return resolve((Map<String, Object>) node);
    }

    @SuppressWarnings("unchecked")
    private void check(JsonNode json, Map<String, Object> given, String path, List<String> found) {
        var schema = resolve(given);
        var types = types(schema);
        if (!types.isEmpty() && types.stream().noneMatch(type -> is(json, type))) {
            found.add(path + " is " + json.getNodeType() + ", the contract says " + types);
            return;
        }
        if (json.isNull()) {
            return;
        }
        if (schema.get("enum") instanceof List<?> values && !values.contains(scalar(json))) {
            found.add(path + " is " + json + ", not one of " + values);
        }
        if (schema.containsKey("const") && !schema.get("const").equals(scalar(json))) {
            found.add(path + " is " + json + ", the contract says always " + schema.get("const"));
        }
        if ("date-time".equals(schema.get("format")) && json.isString()) {
            try {
                Instant.parse(json.asString());
            } catch (DateTimeParseException e) {
                found.add(path + " is " + json + ", not an ISO-8601 time");
            }
        }
        if ("int32".equals(schema.get("format")) && !json.canConvertToInt()) {
            found.add(path + " is " + json + ", beyond int32");
        }
        if (json.isArray() && schema.get("items") instanceof Map<?, ?> items) {
            for (var i = 0; i < json.size(); i++) {
                check(json.get(i), (Map<String, Object>) items, path + "[" + i + "]", found);
            }
        }
        if (json.isObject()) {
            object(json, schema, path, found);
        }
    }

    @SuppressWarnings("unchecked")
    private void object(JsonNode json, Map<String, Object> schema, String path, List<String> found) {
        var properties = (Map<String, Map<String, Object>>) schema.getOrDefault("properties", Map.of());
        var required = (Collection<String>) schema.getOrDefault("required", List.of());
        for (var name : required) {
            if (!json.has(name)) {
                found.add(path + "." + name + " is missing; the contract requires it");
            }
        }
        var additional = schema.getOrDefault("additionalProperties", false);
        for (var name : json.propertyNames()) {
            var property = properties.get(name);
            if (property != null) {
                check(json.get(name), property, path + "." + name, found);
            } else if (additional instanceof Map<?, ?> values) {
                check(json.get(name), (Map<String, Object>) values, path + "." + name, found);
            } else if (!Boolean.TRUE.equals(additional)) {
                found.add(path + "." + name + " is not in the contract");
            }
        }
    }

    private static List<String> types(Map<String, Object> schema) {
        return switch (schema.get("type")) {
            case null -> List.of();
            case List<?> list -> list.stream().map(String::valueOf).toList();
            case Object one -> List.of(String.valueOf(one));
        };
    }

    private static boolean is(JsonNode json, String type) {
        return switch (type) {
            case "null" -> json.isNull();
            case "string" -> json.isString();
            case "integer" -> json.isIntegralNumber();
            case "number" -> json.isNumber();
            case "boolean" -> json.isBoolean();
            case "array" -> json.isArray();
            case "object" -> json.isObject();
            default -> throw new AssertionError("unknown type " + type);
        };
    }

    private static Object scalar(JsonNode json) {
        if (json.isBoolean()) {
            return json.asBoolean();
        }
        if (json.isIntegralNumber()) {
            return json.asInt();
        }
        return json.asString();
    }
}
