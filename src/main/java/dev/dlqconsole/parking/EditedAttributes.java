package dev.dlqconsole.parking;

import dev.dlqconsole.sqs.MessageAttribute;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The attributes of an edit, checked as SQS would check them before a replay sends them: at most 10,
 * names of letters, digits, {@code _ - .}, a type of String, Number or Binary (with an optional custom
 * part), a number that is one. The attributes a replay writes ({@code dlq-replay-id} and its kin) stay
 * as they came: an edit cannot make a message pass for a replay copy. Errors never quote a value: it
 * may be a masked one, put back.
 */
final class EditedAttributes {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,256}");
    private static final Pattern TYPE = Pattern.compile("(String|Number|Binary)(\\.[A-Za-z0-9_.\\-]{1,200})?");

    private EditedAttributes() {}

    static Map<String, MessageAttribute> parse(String json, Map<String, MessageAttribute> stored) {
        var tree = MaskedEdit.json.readTree(json);
        if (!tree.isObject()) {
            throw new IllegalArgumentException(
                    "The attributes are a JSON object: each name to {\"type\": \"String\", \"value\": \"…\"}");
        }
        if (tree.size() > 10) {
            throw new IllegalArgumentException("SQS takes at most 10 message attributes; the edit has " + tree.size());
        }
        var attributes = new LinkedHashMap<String, MessageAttribute>();
        for (var property : tree.properties()) {
            var name = property.getKey();
            attributes.put(name, attribute(name, property.getValue()));
        }
        for (var reserved : java.util.List.of("dlq-replay-id", "dlq-replay-count", "dlq-original-message-id")) {
            var was = stored.get(reserved);
            var now = attributes.get(reserved);
            if (!Objects.equals(was == null ? null : was.stringValue(), now == null ? null : now.stringValue())) {
                throw new IllegalArgumentException(
                        reserved + " is written by the console's replays: an edit leaves it as it came");
            }
        }
        return attributes;
    }

    private static MessageAttribute attribute(String name, JsonNode node) {
        if (!NAME.matcher(name).matches()
                || name.startsWith(".")
                || name.endsWith(".")
                || name.contains("..")
                || name.toLowerCase(java.util.Locale.ROOT).startsWith("aws.")
                || name.toLowerCase(java.util.Locale.ROOT).startsWith("amazon.")) {
            throw new IllegalArgumentException("'" + name + "' is not a name SQS takes for an attribute:"
                    + " letters, digits, _ - and . (not first, last or twice), not starting with AWS. or Amazon.");
        }
        if (!node.isObject() || !node.path("type").isString()) {
            throw new IllegalArgumentException(
                    "Attribute " + name + " needs a \"type\" (String, Number or Binary) and a \"value\"");
        }
        var type = node.path("type").stringValue();
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException(
                    "Attribute " + name + " has the type '" + type + "'; SQS knows String, Number and Binary");
        }
        if (type.startsWith("Binary")) {
            if (!node.path("base64").isString()) {
                throw new IllegalArgumentException("Binary attribute " + name + " needs its \"base64\" value");
            }
            try {
                return new MessageAttribute(
                        type,
                        null,
                        Base64.getDecoder().decode(node.path("base64").stringValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Binary attribute " + name + " is not valid base64");
            }
        }
        var value = node.path("value");
        if (!value.isString() || value.stringValue().isEmpty()) {
            throw new IllegalArgumentException("Attribute " + name + " needs a \"value\" that is a non-empty string");
        }
        if (type.startsWith("Number")) {
            try {
                new BigDecimal(value.stringValue());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Attribute " + name + " is a Number, but its value is not a number");
            }
        }
        return new MessageAttribute(type, value.stringValue(), null);
    }
}
