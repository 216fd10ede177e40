package dev.dlqconsole.api;

import dev.dlqconsole.replay.ReplayService;
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
class ReplaysController {

    private final ReplayService replays;

    ReplaysController(ReplayService replays) {
        this.replays = replays;
    }

    /** The body is read strictly (see {@link StrictJson}): an unknown field is an error, not ignored. */
    @PostMapping("/api/replays")
    ResponseEntity<?> create(@RequestBody JsonNode body) {
        var replay = StrictJson.read(body, NewReplay.class);
        var request = replay.toRequest();
        if (replay.isDryRun()) {
            return ResponseEntity.ok(ReplayDryRun.of(replays.preview(request)));
        }
        var job = replays.create(request);
        return ResponseEntity.created(URI.create("/api/replays/" + job.id())).body(ReplayProgress.of(job));
    }

    @GetMapping("/api/replays/{id}")
    ReplayProgress job(@PathVariable long id) {
        return ReplayProgress.of(replays.job(id));
    }

    @PostMapping("/api/replays/{id}/pause")
    ReplayProgress pause(@PathVariable long id) {
        return ReplayProgress.of(replays.pause(id));
    }

    @PostMapping("/api/replays/{id}/resume")
    ReplayProgress resume(@PathVariable long id) {
        return ReplayProgress.of(replays.resume(id));
    }

    @PostMapping("/api/replays/{id}/cancel")
    ReplayProgress cancel(@PathVariable long id) {
        return ReplayProgress.of(replays.cancel(id));
    }

    /** Sends the job's failed messages again (a paused or completed job runs again). */
    @PostMapping("/api/replays/{id}/retry-failed")
    ReplayProgress retryFailed(@PathVariable long id) {
        return ReplayProgress.of(replays.retryFailed(id));
    }

    /** Skips the failed messages that hold their FIFO groups back, so the rest of the groups go. */
    @PostMapping("/api/replays/{id}/skip-held")
    ReplayProgress skipHeld(@PathVariable long id) {
        return ReplayProgress.of(replays.skipHeld(id));
    }
}
