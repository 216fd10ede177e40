package dev.dlqconsole.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The shape of every error the API answers, for the contract only: the answers themselves are
 * Spring's {@code ProblemDetail} ({@link ApiErrors}) and the security chain's own problem JSON.
 */
@Schema(description = "An RFC 9457 problem document.")
record Problem(
        @Schema(description = "Always `about:blank`: the status says what kind of problem it is.")
        String type,

        @Schema(description = "The HTTP status's reason phrase.")
        String title,

        int status,

        @Schema(description = "What went wrong, for people.")
        String detail,

        @Schema(description = "The request's path.") String instance,

        @Schema(
                description = "For 400 about one field or query parameter, its name (`reason`,"
                        + " `filter.status`, `limit`).",
                requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        @Nullable
        String field) {}
