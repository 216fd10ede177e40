package dev.dlqconsole.api;

import dev.dlqconsole.replay.ReplayRequest;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/replays}: a selection ({@code ids}, or a {@code filter} frozen when
 * the job is created), a reason, and the options of the UI's replay page. Omitted options take the
 * UI's defaults. With {@code dryRun} nothing is created: the answer is the preview.
 */
@Schema(description = """
                Give either `ids` or `filter`. A filter is frozen when the job is created: messages parked
                later are not part of it. Unknown fields are refused.""", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
record NewReplay(
        @ArraySchema(
                arraySchema = @Schema(description = "The parked messages to replay."),
                minItems = 1,
                maxItems = ReplayRequest.MAX_MESSAGES)
        @Nullable
        List<@Nullable Long> ids,

        @Nullable FilterInput filter,

        @Schema(
                description = "Why; recorded in the audit trail and on the job.",
                requiredMode = Schema.RequiredMode.REQUIRED,
                minLength = 1,
                maxLength = 1000)
        @Nullable
        String reason,

        @Schema(
                description = "Send every message to this queue instead of its own source queue, on"
                        + " `targetConnection` (may be left out when the selection comes from one connection).",
                maxLength = 80)
        @Nullable
        String targetQueue,

        @Schema(description = "The connection of `targetQueue`.") @Nullable
        String targetConnection,

        @Schema(minimum = "1", maximum = "" + ReplayRequest.MAX_RATE, defaultValue = "" + DEFAULT_RATE) @Nullable
        Integer ratePerSecond,

        @Schema(description = "The runbook step this replay serves, e.g. `INC-12 step 2`.", maxLength = 300) @Nullable
        String runbookStep,

        @Schema(
                description = "Send again messages an earlier job already sent, and poison messages. ADMIN" + " only.",
                defaultValue = "false")
        @Nullable
        Boolean force,

        @Schema(description = "Send everything at once instead of a canary batch first.", defaultValue = "false")
        @Nullable
        Boolean skipCanary,

        @Schema(
                description =
                        "Send one of the messages with the same body even when they carry no" + " idempotency key.",
                defaultValue = "false")
        @Nullable
        Boolean collapseByBody,

        @Schema(description = "Only preview; create nothing.", defaultValue = "false") @Nullable
        Boolean dryRun,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description =
                                        "The graduated ramp's steps as cumulative percentages, the canary first and"
                                                + " the last 100, e.g. `[1, 5, 25, 100]`; default: the configured ones."),
                maxItems = 10)
        @Nullable
        List<@Nullable Integer> rampSteps,

        @Schema(
                description = "Pause when more than this percentage of a step's messages come back to a DLQ;"
                        + " default: the configured one.",
                minimum = "0",
                maximum = "100")
        @Nullable
        Integer rampThreshold,

        @Schema(description = "Start at this time instead of at once (the job waits as `scheduled`).") @Nullable
        Instant startAt,

        @Schema(
                description = "Start once this URL answers 2xx `healthyTimes` times in a row (the job waits as"
                        + " `waiting`); only hosts on the console's allow-list, no redirects followed.",
                maxLength = 2000)
        @Nullable
        String healthUrl,

        @Schema(
                description = "2xx answers in a row that start the job.",
                minimum = "1",
                maximum = "100",
                defaultValue = "3")
        @Nullable
        Integer healthyTimes,

        @Schema(description = "When a waiting job gives up, nothing sent; default an hour after creation.") @Nullable
        Instant deadline) {

    static final int DEFAULT_RATE = 50;

    boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    /** The service's request, or a {@link BadInput} naming the field that is wrong. */
    ReplayRequest toRequest() {
        var byIds = ids != null && !ids.isEmpty();
        if (byIds && filter != null) {
            throw new BadInput(
                    "filter",
                    "cannot go with 'ids': replay either the messages with these ids or all"
                            + " messages matching a filter");
        }
        if (!byIds && filter == null) {
            throw new BadInput("ids", "or 'filter' is required: a non-empty array of message ids, or a filter object");
        }
        if (ids != null && ids.size() > ReplayRequest.MAX_MESSAGES) {
            throw new BadInput("ids", "holds at most " + ReplayRequest.MAX_MESSAGES + " ids; replay by filter instead");
        }
        if (ids != null && ids.contains(null)) {
            throw new BadInput("ids", "must not contain null");
        }
        if (reason == null || reason.isBlank()) {
            throw new BadInput("reason", "is required: say why, for the audit trail and the incident timeline");
        }
        if (reason.strip().length() > 1_000) {
            throw new BadInput("reason", "is limited to 1,000 characters");
        }
        var rate = ratePerSecond == null ? DEFAULT_RATE : ratePerSecond;
        if (rate < 1 || rate > ReplayRequest.MAX_RATE) {
            throw new BadInput(
                    "ratePerSecond", "must be between 1 and " + ReplayRequest.MAX_RATE + ", not " + ratePerSecond);
        }
        if (runbookStep != null && runbookStep.strip().length() > 300) {
            throw new BadInput("runbookStep", "is limited to 300 characters");
        }
        if (targetQueue != null && targetQueue.strip().length() > 80) {
            throw new BadInput("targetQueue", "is not a queue name (SQS names have at most 80 characters)");
        }
        if (targetConnection != null && targetQueue == null) {
            throw new BadInput("targetConnection", "goes with 'targetQueue': the queue on that connection");
        }
        return request(rate).withRamp(ramp()).startingWhen(start());
    }

    private ReplayRequest.@Nullable StartCondition start() {
        if (startAt == null && healthUrl == null && healthyTimes == null && deadline == null) {
            return null;
        }
        if (startAt != null && healthUrl != null) {
            throw new BadInput("startAt", "cannot go with 'healthUrl': start at a time or when healthy");
        }
        if (healthUrl == null && (healthyTimes != null || deadline != null)) {
            throw new BadInput(healthyTimes != null ? "healthyTimes" : "deadline", "goes with 'healthUrl'");
        }
        if (healthyTimes != null && (healthyTimes < 1 || healthyTimes > 100)) {
            throw new BadInput("healthyTimes", "must be between 1 and 100");
        }
        if (healthUrl != null && healthUrl.length() > 2_000) {
            throw new BadInput("healthUrl", "is limited to 2,000 characters");
        }
        return new ReplayRequest.StartCondition(startAt, healthUrl, healthyTimes, deadline);
    }

    private ReplayRequest.@Nullable RampRequest ramp() {
        if (rampSteps == null && rampThreshold == null) {
            return null;
        }
        if (rampSteps != null && rampSteps.contains(null)) {
            throw new BadInput("rampSteps", "must not contain null");
        }
        if (rampThreshold != null && (rampThreshold < 0 || rampThreshold > 100)) {
            throw new BadInput("rampThreshold", "is a percentage, 0 to 100");
        }
        try {
            return new ReplayRequest.RampRequest(rampSteps == null ? null : List.copyOf(rampSteps), rampThreshold);
        } catch (IllegalArgumentException e) {
            throw new BadInput("rampSteps", "is not a ramp (" + e.getMessage() + ")");
        }
    }

    private ReplayRequest request(int rate) {
        return new ReplayRequest(
                ids == null ? List.of() : List.copyOf(ids),
                filter == null ? null : filter.toFilter("filter."),
                reason,
                targetQueue,
                rate,
                Boolean.TRUE.equals(force),
                runbookStep == null || runbookStep.isBlank() ? null : runbookStep.strip(),
                Boolean.TRUE.equals(skipCanary),
                Boolean.TRUE.equals(collapseByBody),
                targetConnection);
    }
}
