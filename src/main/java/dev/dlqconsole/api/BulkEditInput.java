package dev.dlqconsole.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/messages/bulk-edit}: a find-and-replace over the bodies a filter selects. */
@Schema(description = """
                A find-and-replace over the bodies of the messages a filter selects, as shown (masked): a
                masked value can be neither found nor written. With `dryRun` nothing is saved and the answer
                shows the first changes. Unknown fields are refused.""", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record BulkEditInput(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable
        FilterInput filter,

        @Schema(
                description = "The text to find.",
                requiredMode = Schema.RequiredMode.REQUIRED,
                minLength = 1,
                maxLength = 1000)
        @Nullable
        String find,

        @Schema(
                description = "What it becomes (may be empty).",
                requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = 1000)
        @Nullable
        String replace,

        @Schema(
                description = "Why; kept with each version and recorded in the audit trail (not needed for a dry run).",
                maxLength = 1000)
        @Nullable
        String reason,

        @Schema(description = "Only preview: nothing is saved.") @Nullable
        Boolean dryRun) {}
