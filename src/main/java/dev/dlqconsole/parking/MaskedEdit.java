package dev.dlqconsole.parking;

import com.github.difflib.DiffUtils;
import dev.dlqconsole.security.SensitiveValues;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts masked values back into an edit. The editor shows a message masked, so what comes back holds
 * {@link SensitiveValues#MARKER} where a masked value was: wherever the edit still shows the masked
 * text of a part of the message, that part is the stored one again, real value and all; where the
 * editor typed something else, that is the new value. A marker anywhere else stands for no value the
 * message had there and is refused, so an edit can neither reveal a masked value (it never holds one)
 * nor send the marker by mistake.
 *
 * <p>JSON is compared as a tree, part by part at the same path (an array holding markers keeps its
 * length); other text line by line, through a line diff: a line left as it was is the stored line.
 * See docs/decisions/017.
 */
final class MaskedEdit {

    static final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private MaskedEdit() {}

    /** The JSON tree of a text, or null when it is not a JSON object or array. */
    static @Nullable JsonNode tree(String text) {
        var start = text.strip();
        if (!start.startsWith("{") && !start.startsWith("[")) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Pretty-printed JSON of a text that is JSON; anything else as it is. */
    static String pretty(String text) {
        var tree = tree(text);
        return tree == null ? text : json.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    }

    /**
     * An edit of a JSON document with its masked values put back: {@code masked} is what the editor
     * was shown, {@code stored} the document as stored.
     *
     * @throws IllegalArgumentException when the edit is not JSON or holds a marker that stands for nothing
     */
    static String json(String edited, String masked, String stored, String what) {
        JsonNode tree;
        try {
            tree = json.readTree(edited);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The " + what + (what.endsWith("s") ? " are" : " is")
                    + " no longer well-formed JSON (" + problem(e) + ", at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()
                    + "): nothing was saved");
        }
        if (tree == null || tree.isMissingNode()) {
            throw new IllegalArgumentException("The " + what + " cannot be empty: it was JSON, so it stays JSON");
        }
        if (!edited.contains(SensitiveValues.MARKER)) {
            return edited;
        }
        var restored = restore(tree, json.readTree(masked), json.readTree(stored), "$", what);
        return edited.strip().contains("\n")
                ? json.writerWithDefaultPrettyPrinter().writeValueAsString(restored)
                : json.writeValueAsString(restored);
    }

    /** Jackson's message without where it read from (always the request, and noisy): "Unexpected end-of-input". */
    private static String problem(JacksonException e) {
        var message = String.valueOf(e.getOriginalMessage());
        var cut = message.indexOf(" (start marker");
        message = cut < 0 ? message : message.substring(0, cut);
        cut = message.indexOf('\n');
        return cut < 0 ? message : message.substring(0, cut);
    }

    private static JsonNode restore(
            JsonNode edited, @Nullable JsonNode masked, @Nullable JsonNode stored, String path, String what) {
        if (masked != null && stored != null && edited.equals(masked)) {
            return stored;
        }
        if (edited.isObject() && masked != null && masked.isObject() && stored != null && stored.isObject()) {
            var out = json.createObjectNode();
            for (var property : edited.properties()) {
                var name = property.getKey();
                out.set(
                        name,
                        restore(property.getValue(), masked.get(name), stored.get(name), path + "." + name, what));
            }
            return out;
        }
        if (edited.isArray() && masked != null && masked.isArray() && stored != null && stored.isArray()) {
            if (edited.size() != masked.size() && holdsMarker(edited)) {
                throw new IllegalArgumentException("The " + what + " at " + path + " holds masked values ("
                        + SensitiveValues.MARKER + ") and has " + edited.size() + " items instead of "
                        + masked.size() + ": which item each masked value belongs to is no longer clear."
                        + " Keep the items where they were, or type the values you want");
            }
            var out = json.createArrayNode();
            for (int i = 0; i < edited.size(); i++) {
                out.add(restore(edited.get(i), masked.get(i), stored.get(i), path + "[" + i + "]", what));
            }
            return out;
        }
        if (holdsMarker(edited)) {
            throw new IllegalArgumentException("The " + what + " holds " + SensitiveValues.MARKER + " at " + path
                    + " where the message had no masked value, or the text around it changed: a masked value can"
                    + " only be kept where it was. Type the value you want there instead");
        }
        return edited;
    }

    private static boolean holdsMarker(JsonNode node) {
        if (node.isString()) {
            return node.stringValue().contains(SensitiveValues.MARKER);
        }
        if (node instanceof ObjectNode || node instanceof ArrayNode) {
            for (var child : node) {
                if (holdsMarker(child)) {
                    return true;
                }
            }
            if (node instanceof ObjectNode object) {
                return object.propertyNames().stream().anyMatch(n -> n.contains(SensitiveValues.MARKER));
            }
        }
        return false;
    }

    /**
     * An edit of text that is not JSON, with its masked values put back: each line of the edit that is
     * a line of {@code masked} left as it was becomes the stored line.
     *
     * @throws IllegalArgumentException when a changed line still holds a marker
     */
    static String text(String edited, String masked, String stored) {
        if (!edited.contains(SensitiveValues.MARKER)) {
            return edited;
        }
        var maskedLines = List.of(masked.split("\n", -1));
        var storedLines = List.of(stored.split("\n", -1));
        var editedLines = List.of(edited.split("\n", -1));
        if (maskedLines.size() != storedLines.size()) {
            throw new IllegalArgumentException("The body holds " + SensitiveValues.MARKER
                    + ", and its masked values span lines: type the values you want instead of the marker");
        }
        // Which line of the masked text each edited line is, where it was left as it was.
        var from = new int[editedLines.size()];
        java.util.Arrays.fill(from, -1);
        int m = 0;
        int e = 0;
        for (var delta : DiffUtils.diff(maskedLines, editedLines).getDeltas()) {
            while (m < delta.getSource().getPosition() && e < delta.getTarget().getPosition()) {
                from[e++] = m++;
            }
            m = delta.getSource().getPosition() + delta.getSource().size();
            e = delta.getTarget().getPosition() + delta.getTarget().size();
        }
        while (m < maskedLines.size() && e < editedLines.size()) {
            from[e++] = m++;
        }
        var out = new ArrayList<String>(editedLines.size());
        for (int i = 0; i < editedLines.size(); i++) {
            var line = editedLines.get(i);
            if (from[i] >= 0) {
                out.add(storedLines.get(from[i]));
            } else if (line.contains(SensitiveValues.MARKER)) {
                throw new IllegalArgumentException("Line " + (i + 1) + " of the body holds " + SensitiveValues.MARKER
                        + " but was changed: a masked value can only be kept on a line left as it was."
                        + " Type the value you want there instead");
            } else {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }
}
