package dev.dlqconsole.parking;

import dev.dlqconsole.security.SensitiveValues;
import dev.dlqconsole.security.SigningKey;
import dev.dlqconsole.sqs.MessageAttribute;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What people see and search of a message, made once when it is parked, from masked values: the
 * preview, the search text, the failure reason and type, the failure group id, and the attributes as
 * shown. Sensitive attributes show the marker; every other string attribute (the one a reason came
 * from, say) is masked like a body. The group id is an HMAC of the masked reason's template under the
 * console's key: it groups as before, but nobody can test a guess against it. See docs/decisions/010.
 */
@Component
class ShownValues {

    private static final int PREVIEW_CHARS = 200;

    private final SensitiveValues sensitive;
    private final ParkingProperties properties;
    private final SigningKey key;
    private final String maskedWith;

    ShownValues(SensitiveValues sensitive, ParkingProperties properties, SigningKey key) {
        this.sensitive = sensitive;
        this.properties = properties;
        this.key = key;
        this.maskedWith = key.hmac(
                        "masking-rules",
                        sensitive.rules() + "|" + String.join(",", properties.reasonAttributes()) + "|"
                                + String.join(",", properties.typeAttributes()))
                .substring(0, 32);
    }

    /** The values of one message; {@code body} is its text (SQS bodies are text). */
    Shown of(String body, Map<String, MessageAttribute> attributes) {
        var shownAttributes = shownAttributes(attributes);
        var maskedBody = sensitive.mask(body).text();
        var type = MessageExtraction.firstString(shownAttributes, properties.typeAttributes());
        var reason = reason(MessageExtraction.firstString(shownAttributes, properties.reasonAttributes()), type);
        var search = new StringBuilder(maskedBody.length() + 256);
        shownAttributes.forEach((name, value) -> {
            if (value.stringValue() != null) {
                search.append(name).append('=').append(value.stringValue()).append('\n');
            }
        });
        search.append(maskedBody);
        return new Shown(
                preview(maskedBody),
                search.toString().toLowerCase(Locale.ROOT),
                truncate(reason, 2000),
                truncate(type, 300),
                fingerprint(reason),
                StoredAttributes.encode(shownAttributes),
                maskedWith);
    }

    /** The reason as it was parked, unmasked: for an admin's audited unmask only. */
    @Nullable
    String rawReason(Map<String, MessageAttribute> attributes) {
        var type = MessageExtraction.firstString(attributes, properties.typeAttributes());
        return truncate(reason(MessageExtraction.firstString(attributes, properties.reasonAttributes()), type), 2000);
    }

    /** The id of the rules and key in force: a row masked with another one is masked again at start-up. */
    String maskedWith() {
        return maskedWith;
    }

    /** The group id of a masked reason: an HMAC of its template, 32 hex digits. */
    String fingerprint(@Nullable String maskedReason) {
        return key.hmac("failure-group", FailureFingerprint.template(maskedReason))
                .substring(0, 32);
    }

    /** The attributes as shown: sensitive ones as the marker, the others' string values masked. */
    Map<String, MessageAttribute> shownAttributes(Map<String, MessageAttribute> attributes) {
        var shown = new LinkedHashMap<String, MessageAttribute>();
        attributes.forEach((name, value) -> {
            if (sensitive.isSensitiveAttribute(name)) {
                shown.put(name, new MessageAttribute(value.dataType(), SensitiveValues.MARKER, null));
            } else if (value.stringValue() != null) {
                shown.put(
                        name,
                        new MessageAttribute(
                                value.dataType(),
                                sensitive.mask(value.stringValue()).text(),
                                value.binaryValue()));
            } else {
                shown.put(name, value);
            }
        });
        return shown;
    }

    private static @Nullable String reason(@Nullable String message, @Nullable String type) {
        if (message == null) {
            return type;
        }
        return type == null || message.contains(type) ? message : type + ": " + message;
    }

    /** One line of readable text: control characters shown as spaces, so a preview never breaks a row. */
    static String preview(String body) {
        var end = Math.min(body.length(), PREVIEW_CHARS);
        var preview = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            var c = body.charAt(i);
            preview.append(Character.isISOControl(c) ? ' ' : c);
        }
        return preview.toString().strip();
    }

    static @Nullable String truncate(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    /** A message's shown values, and the id of the rules they were masked with. */
    record Shown(
            String preview,
            String searchText,
            @Nullable String failureReason,
            @Nullable String failureType,
            String fingerprint,
            String shownAttributesJson,
            String maskedWith) {}
}
