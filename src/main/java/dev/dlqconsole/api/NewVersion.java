package dev.dlqconsole.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/messages/{id}/versions}: an edit of the message's latest version, with
 * masked values left as {@code ••••••} where they are to stay as stored.
 */
@Schema(description = """
                An edit of a parked message. Send the body as `GET /api/messages/{id}` gave it (masked): every
                `••••••` left where it was keeps the stored value; type a value in its place to replace it.
                Unknown fields are refused.""", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record NewVersion(
        @Schema(
                description = "The version the edit was made from (0: the message as parked); another edit made"
                        + " meanwhile answers 409.",
                requiredMode = Schema.RequiredMode.REQUIRED,
                minimum = "0")
        @Nullable
        Integer basedOn,

        @Schema(
                description = "The whole new body. When the message was JSON it must stay well-formed JSON.",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable
        String body,

        @Schema(description = "The message attributes by name; left out, they stay as they are.") @Nullable
        Map<String, EditedAttribute> attributes,

        @Schema(
                description = "Why; kept with the version and recorded in the audit trail.",
                requiredMode = Schema.RequiredMode.REQUIRED,
                minLength = 1,
                maxLength = 1000)
        @Nullable
        String reason) {

    /** One message attribute of an edit: a string or number {@code value}, or a binary one in base64. */
    @Schema(name = "EditedAttribute", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record EditedAttribute(
            @Schema(
                    description = "String, Number or Binary (with an optional custom part, `String.json`).",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @Nullable
            String type,

            @Schema(description = "The value of a String or Number attribute.") @Nullable
            String value,

            @Schema(description = "The value of a Binary attribute, base64.") @Nullable
            String base64) {}
}
