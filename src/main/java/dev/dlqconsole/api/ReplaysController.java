package dev.dlqconsole.api;

import dev.dlqconsole.replay.ReplayService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Replay jobs: a dry run, a new job, its progress, pause, resume and cancel. The service checks the
 * roles and records each change in the audit trail, with the caller (a person or a service account)
 * as the actor; a dry run, like the UI's preview, changes nothing and is not recorded.
 */
@RestController
@Tag(name = "Replays", description = "Replay jobs: a dry run, a new job, its progress, pause, resume and cancel.")
class ReplaysController {

    private final ReplayService replays;

    ReplaysController(ReplayService replays) {
        this.replays = replays;
    }

    /** The body is read strictly (see {@link StrictJson}): an unknown field is an error, not ignored. */
    @Operation(
            operationId = "createReplay",
            summary = "Dry-run or create a replay job. OPERATOR (ADMIN to force).",
            description = """
                    With `dryRun: true` nothing is created and the answer (200) is the preview the UI's replay
                    page shows. Otherwise the job is created (201, `Location: /api/replays/{id}`) and starts
                    within a second: a canary batch first (unless `skipCanary`), then the rest at
                    `ratePerSecond`. Messages already replayed, discarded, in another job, without a target,
                    poison or duplicates are skipped, as the preview says; if every selected message would be
                    skipped, the job is refused with 400.""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = NewReplay.class),
                                            examples = {
                                                @ExampleObject(
                                                        name = "byFilter",
                                                        summary = "Every parked message of one failure group, dry"
                                                                + " run first",
                                                        value = """
                                                                {"filter": {"dlq": "orders-dlq", "status": "parked",
                                                                            "group": "3f2a9c1e0b7d4a55"},
                                                                 "reason": "inventory-service recovered at 14:05 (INC-4711)",
                                                                 "ratePerSecond": 50, "dryRun": true}"""),
                                                @ExampleObject(
                                                        name = "byIds",
                                                        summary = "Three messages, to a chosen queue",
                                                        value = """
                                                                {"ids": [12, 13, 14],
                                                                 "reason": "re-run after the fix in orders 2.4.1",
                                                                 "targetQueue": "orders-retry"}""")
                                            })))
    @ApiResponse(
            responseCode = "200",
            description = "The dry run's preview; nothing was created.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReplayDryRun.class)))
    @ApiResponse(
            responseCode = "201",
            description = "The job was created.",
            headers = @Header(name = "Location", description = "The job's URL, `/api/replays/{id}`."),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReplayProgress.class)))
    @PostMapping("/api/replays")
    ResponseEntity<?> create(@Parameter(hidden = true) @RequestBody JsonNode body) {
        var replay = StrictJson.read(body, NewReplay.class);
        var request = replay.toRequest();
        if (replay.isDryRun()) {
            return ResponseEntity.ok(ReplayDryRun.of(replays.preview(request)));
        }
        var job = replays.create(request);
        return ResponseEntity.created(URI.create("/api/replays/" + job.id())).body(ReplayProgress.of(job));
    }

    @Operation(operationId = "getReplay", summary = "A replay job and its progress. VIEWER.")
    @GetMapping("/api/replays/{id}")
    ReplayProgress job(@Parameter(description = "The replay job's id.") @PathVariable long id) {
        return ReplayProgress.of(replays.job(id));
    }

    @Operation(
            operationId = "pauseReplay",
            summary = "Pause a running job. OPERATOR.",
            description = "The executor stops after the batch in flight; `resume` goes on where it stopped.")
    @PostMapping("/api/replays/{id}/pause")
    ReplayProgress pause(@Parameter(description = "The replay job's id.") @PathVariable long id) {
        return ReplayProgress.of(replays.pause(id));
    }

    @Operation(
            operationId = "resumeReplay",
            summary = "Resume a paused job. OPERATOR.",
            description =
                    "A job that paused itself because its canary messages came back to the DLQ sends the rest when resumed: that is the operator's call.")
    @PostMapping("/api/replays/{id}/resume")
    ReplayProgress resume(@Parameter(description = "The replay job's id.") @PathVariable long id) {
        return ReplayProgress.of(replays.resume(id));
    }

    @Operation(
            operationId = "cancelReplay",
            summary = "Cancel a job that has not finished. OPERATOR.",
            description = "Messages the job has not sent go back to the parking lot, ready for another replay.")
    @PostMapping("/api/replays/{id}/cancel")
    ReplayProgress cancel(@Parameter(description = "The replay job's id.") @PathVariable long id) {
        return ReplayProgress.of(replays.cancel(id));
    }

    @Operation(
            operationId = "approveReplay",
            summary = "Approve a job awaiting approval; it starts within a second. OPERATOR, never its requester.",
            description = """
                    A replay of more than `dlq-console.replay.approval-above` messages (100 by default), and any
                    forced replay, waits for a second person (`status: awaiting_approval`, `approvalNeeded`
                    says why). The requester is refused with 403, and the attempt is recorded.""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = ApprovalDecision.class))))
    @PostMapping("/api/replays/{id}/approve")
    ReplayProgress approve(
            @Parameter(description = "The replay job's id.") @PathVariable long id,
            @Parameter(hidden = true) @RequestBody JsonNode body) {
        return ReplayProgress.of(replays.approve(
                id, StrictJson.read(body, ApprovalDecision.class).reason()));
    }

    @Operation(
            operationId = "rejectReplay",
            summary = "Reject a job awaiting approval; it ends with nothing sent. OPERATOR, never its requester.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = ApprovalDecision.class))))
    @PostMapping("/api/replays/{id}/reject")
    ReplayProgress reject(
            @Parameter(description = "The replay job's id.") @PathVariable long id,
            @Parameter(hidden = true) @RequestBody JsonNode body) {
        return ReplayProgress.of(
                replays.reject(id, StrictJson.read(body, ApprovalDecision.class).reason()));
    }

    /** Sends the job's failed messages again (a paused or completed job runs again). */
    @Operation(
            operationId = "retryFailedReplay",
            summary = "Send the job's failed messages again; a paused or completed job runs again. OPERATOR.")
    @PostMapping("/api/replays/{id}/retry-failed")
    ReplayProgress retryFailed(@Parameter(description = "The replay job's id.") @PathVariable long id) {
        return ReplayProgress.of(replays.retryFailed(id));
    }

    /** Skips the failed messages that hold their FIFO groups back, so the rest of the groups go. */
    @Operation(
            operationId = "skipHeldReplay",
            summary = "Skip the failed messages that hold their FIFO groups back; the rest of the groups go. OPERATOR.")
    @PostMapping("/api/replays/{id}/skip-held")
    ReplayProgress skipHeld(@Parameter(description = "The replay job's id.") @PathVariable long id) {
        return ReplayProgress.of(replays.skipHeld(id));
    }
}
