package dev.dlqconsole.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** A second person's decision on a replay waiting for approval: why, for the requester and the audit trail. */
@Schema(name = "ApprovalDecision")
record ApprovalDecision(
        @Schema(
                description = "Why it is approved or rejected; recorded in the audit trail.",
                maxLength = 1000,
                requiredMode = Schema.RequiredMode.REQUIRED)
        String reason) {}
