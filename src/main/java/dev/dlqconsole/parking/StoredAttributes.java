package dev.dlqconsole.parking;

import dev.dlqconsole.sqs.MessageAttribute;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one stored form of a parked message's attributes and system attributes: JSON objects by name,
 * each attribute with its data type and a string {@code value} or a {@code base64} binary one. The
 * parker writes it, everything else reads it back through here.
 */
final class StoredAttributes {

    private static final JsonMapper json = JsonMapper.builder().build();

    private StoredAttributes() {}

    static String encode(Map<String, MessageAttribute> attributes) {
        var out = new TreeMap<String, Map<String, String>>();
        attributes.forEach((name, value) -> {
            var entry = new LinkedHashMap<String, String>();
            entry.put("type", value.dataType());
            if (value.binaryValue() != null) {
                entry.put("base64", Base64.getEncoder().encodeToString(value.binaryValue()));
            } else if (value.stringValue() != null) {
                entry.put("value", value.stringValue());
            }
            out.put(name, entry);
        });
        return json.writeValueAsString(out);
    }

    static Map<String, MessageAttribute> decode(String stored) {
        var attributes = new LinkedHashMap<String, MessageAttribute>();
        for (var entry : json.readTree(stored).properties()) {
            var node = entry.getValue();
            var base64 = node.path("base64").asString(null);
            attributes.put(
                    entry.getKey(),
                    new MessageAttribute(
                            node.path("type").asString("String"),
                            node.path("value").asString(null),
                            base64 == null ? null : Base64.getDecoder().decode(base64)));
        }
        return attributes;
    }

    static String encodeSystem(Map<String, String> system) {
        return json.writeValueAsString(new TreeMap<>(system));
    }

    static Map<String, String> decodeSystem(String stored) {
        var system = new LinkedHashMap<String, String>();
        for (var entry : json.readTree(stored).properties()) {
            system.put(entry.getKey(), entry.getValue().asString(""));
        }
        return system;
    }

    /** The attributes that hold a string, by name: what trace headers and failure reasons are read from. */
    static Map<String, String> strings(Map<String, MessageAttribute> attributes) {
        var strings = new LinkedHashMap<String, String>();
        attributes.forEach((name, value) -> {
            if (value.stringValue() != null) {
                strings.put(name, value.stringValue());
            }
        });
        return strings;
    }
}
