package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.TestQueues;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Replay jobs through the API: the UI's preview as a dry run, jobs that really send into the target
 * queue on ElasticMQ, pause, resume and cancel, each audited with the caller (a service account by
 * its name) as the actor.
 */
class ApiReplaysIT extends ApiIntegrationTest {

    @Test
    void a_dry_run_answers_the_preview_and_creates_and_records_nothing() {
        var queues = queues("api-dry");
        for (int i = 0; i < 4; i++) {
            sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        park(queues);
        var jobsBefore = jobs();

        var preview =
                body(send(postJson(bearer(OPERATOR_TOKEN, "/api/replays"), """
                        {"filter": {"dlq": "%s", "status": "parked"}, "reason": "check first", "dryRun": true}
                        """.formatted(queues.dlqName()))), 200);

        assertThat(preview.path("dryRun").asBoolean()).isTrue();
        assertThat(preview.path("selected").asInt()).isEqualTo(4);
        assertThat(preview.path("willSend").asInt()).isEqualTo(4);
        assertThat(preview.path("alreadyReplayed").asInt()).isZero();
        assertThat(preview.path("perTarget")
                        .path(CONNECTION + "/" + queues.sourceName())
                        .asInt())
                .isEqualTo(4);
        assertThat(jobs()).isEqualTo(jobsBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE reason = 'check first'", Integer.class))
                .isZero();
    }

    @Test
    void a_service_account_replays_into_the_source_queue_and_is_the_actor_everywhere() {
        var queues = queues("api-replay");
        for (int i = 0; i < 4; i++) {
            sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        var ids = park(queues);

        var response = send(postJson(bearer(OPERATOR_TOKEN, "/api/replays"), """
                {"ids": %s, "reason": "inventory recovered", "ratePerSecond": 500, "skipCanary": true,
                 "runbookStep": "INC-7 step 2"}
                """.formatted(ids)));
        var created = body(response, 201);
        var jobId = created.path("id").asLong();

        assertThat(response.headers().firstValue("Location")).hasValue("/api/replays/" + jobId);
        assertThat(created.path("createdBy").asString()).isEqualTo("deploy-bot");
        assertThat(created.path("reason").asString()).isEqualTo("inventory recovered");
        assertThat(created.path("runbookStep").asString()).isEqualTo("INC-7 step 2");
        assertThat(created.path("total").asInt()).isEqualTo(4);
        assertThat(created.path("createdAt").asString()).endsWith("Z");
        var done = awaitStatus(jobId, "completed");
        assertThat(done.path("sent").asInt()).isEqualTo(4);
        assertThat(done.path("remaining").asInt()).isZero();
        assertThat(done.path("finishedAt").isNull()).isFalse();

        var received = TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 4);
        assertThat(received)
                .extracting(ReceivedMessage::body)
                .containsExactlyInAnyOrder("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(received).allSatisfy(m -> assertThat(m.attributes()).containsKey("dlq-replay-id"));
        assertThat(audited("replay.create")).contains("deploy-bot OK replay job " + jobId + ": 4 selected messages");
        var replayed = body(send(bearer(VIEWER_TOKEN, "/api/messages?status=replayed&dlq=" + queues.dlqName())), 200);
        assertThat(replayed.path("messages")).hasSize(4);
        var history = body(send(bearer(VIEWER_TOKEN, "/api/messages/" + ids.getFirst())), 200)
                .path("history");
        assertThat(history.toString()).contains("job " + jobId);

        // The same messages again: every one is skipped, so there is no job to create.
        var again = send(postJson(
                bearer(OPERATOR_TOKEN, "/api/replays"), "{\"ids\": %s, \"reason\": \"again\"}".formatted(ids)));
        assertThat(body(again, 400).path("detail").asString()).startsWith("Nothing to replay");
    }

    @Test
    void a_job_is_paused_resumed_and_cancelled_and_each_change_is_audited() {
        var queues = queues("api-control");
        for (int i = 0; i < 30; i++) {
            sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        var ids = park(queues);
        var created = body(
                send(postJson(
                        as("operator", "/api/replays"),
                        "{\"ids\": %s, \"reason\": \"slowly\", \"ratePerSecond\": 1}".formatted(ids))),
                201);
        var job = "/api/replays/" + created.path("id").asLong();

        var paused = body(send(post(as("operator", job + "/pause"))), 200);
        assertThat(paused.path("status").asString()).isEqualTo("paused");
        assertThat(paused.path("statusDetail").asString()).isEqualTo("paused by operator");
        assertThat(body(send(post(as("operator", job + "/pause"))), 409)
                        .path("detail")
                        .asString())
                .isEqualTo("Replay job " + created.path("id").asLong() + " is paused");
        assertThat(body(send(post(as("viewer", job + "/resume"))), 403)
                        .path("status")
                        .asInt())
                .isEqualTo(403);

        assertThat(body(send(post(bearer(OPERATOR_TOKEN, job + "/resume"))), 200)
                        .path("status")
                        .asString())
                .isEqualTo("running");
        var cancelled = body(send(post(bearer(ADMIN_TOKEN, job + "/cancel"))), 200);
        assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.path("finishedAt").isNull()).isFalse();
        assertThat(body(send(post(as("operator", job + "/cancel"))), 409)
                        .path("detail")
                        .asString())
                .endsWith("has already finished");
        assertThat(body(send(bearer(VIEWER_TOKEN, job)), 200).path("status").asString())
                .isEqualTo("cancelled");

        var target = "replay job " + created.path("id").asLong();
        assertThat(audited("replay.pause")).contains("operator OK " + target);
        assertThat(audited("replay.resume")).contains("deploy-bot OK " + target);
        assertThat(audited("replay.cancel")).contains("release-admin OK " + target);
        // Messages the job did not send are parked again, ready for another replay.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(body(
                                        send(as("viewer", "/api/messages?status=replaying&dlq=" + queues.dlqName())),
                                        200)
                                .path("messages"))
                        .isEmpty());
    }

    @Test
    void unknown_jobs_are_404_whatever_is_asked() {
        assertThat(body(send(as("viewer", "/api/replays/987654")), 404)
                        .path("detail")
                        .asString())
                .isEqualTo("No replay job has id 987654");
        for (var action : List.of("pause", "resume", "cancel")) {
            body(send(post(as("operator", "/api/replays/987654/" + action))), 404);
        }
        badRequest(send(as("viewer", "/api/replays/seven")), "id");
    }

    @Test
    void bad_replay_bodies_are_400_naming_the_field_and_create_nothing() {
        var jobsBefore = jobs();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"ids\": [1]}", "reason");
        cases.put("{\"ids\": [1], \"reason\": \"   \"}", "reason");
        cases.put("{\"reason\": \"why\"}", "ids");
        cases.put("{\"ids\": [], \"reason\": \"why\"}", "ids");
        cases.put("{\"ids\": [1], \"filter\": {\"dlq\": \"x\"}, \"reason\": \"why\"}", "filter");
        // A misspelt dryRun must not turn a preview into a real replay.
        cases.put("{\"ids\": [1], \"reason\": \"why\", \"dryrun\": true}", "dryrun");
        cases.put("{\"filter\": {\"stauts\": \"parked\"}, \"reason\": \"why\"}", "filter.stauts");
        cases.put("{\"filter\": {\"status\": \"parkd\"}, \"reason\": \"why\"}", "filter.status");
        cases.put("{\"filter\": {\"from\": \"monday\"}, \"reason\": \"why\"}", "filter.from");
        cases.put("{\"ids\": [1], \"reason\": \"why\", \"ratePerSecond\": \"fast\"}", "ratePerSecond");
        cases.put("{\"ids\": [1], \"reason\": \"why\", \"ratePerSecond\": 0}", "ratePerSecond");
        cases.put("{\"ids\": [1], \"reason\": \"why\", \"ratePerSecond\": 2.5}", "ratePerSecond");
        cases.put("{\"ids\": [1, \"two\"], \"reason\": \"why\"}", "ids[1]");
        cases.put("{\"ids\": [1, null], \"reason\": \"why\"}", "ids");
        cases.put("{\"ids\": [1], \"reason\": \"why\", \"dryRun\": \"yes\"}", "dryRun");
        cases.put("{\"ids\": [1], \"reason\": \"" + "x".repeat(1_001) + "\"}", "reason");
        cases.put("[1, 2]", "body");
        cases.forEach((body, field) -> {
            var problem = badRequest(send(postJson(as("operator", "/api/replays"), body)), field);
            assertThat(problem.path("instance").asString()).as(body).isEqualTo("/api/replays");
        });

        var unreadable = body(send(postJson(as("operator", "/api/replays"), "{\"ids\": [1,")), 400);
        assertThat(unreadable.path("detail").asString()).startsWith("The request body is not valid JSON");
        var notJson = send(as("operator", "/api/replays")
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("replay all")));
        assertThat(body(notJson, 415).path("detail").asString()).contains("text/plain");
        assertThat(jobs()).isEqualTo(jobsBefore);
    }

    @Test
    void only_an_admin_forces_a_replay_and_an_operators_attempt_is_audited() {
        var queues = queues("api-force");
        sqs.send(CONNECTION, queues.dlqUrl(), OutgoingMessage.of("{\"once\":true}", Map.of()));
        var ids = park(queues);
        var first = body(
                send(postJson(
                        bearer(OPERATOR_TOKEN, "/api/replays"),
                        "{\"ids\": %s, \"reason\": \"first\", \"skipCanary\": true}".formatted(ids))),
                201);
        awaitStatus(first.path("id").asLong(), "completed");
        TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 1);

        var force =
                "{\"ids\": %s, \"reason\": \"consumer lost it\", \"force\": true, \"skipCanary\": true}".formatted(ids);
        var denied = send(postJson(bearer(OPERATOR_TOKEN, "/api/replays"), force));
        assertThat(body(denied, 403).path("detail").asString()).contains("Only an admin can force");
        assertThat(audited("replay.force")).contains("deploy-bot DENIED 1 selected messages");

        var forced = body(send(postJson(bearer(ADMIN_TOKEN, "/api/replays"), force)), 201);
        assertThat(forced.path("forced").asBoolean()).isTrue();
        assertThat(forced.path("createdBy").asString()).isEqualTo("release-admin");
        awaitStatus(forced.path("id").asLong(), "completed");
        assertThat(TestQueues.drain(sqs, CONNECTION, queues.sourceUrl(), 1))
                .singleElement()
                .satisfies(
                        m -> assertThat(m.attributes().get("dlq-replay-count").stringValue())
                                .isEqualTo("2"));
        assertThat(audited("replay.force"))
                .anySatisfy(row -> assertThat(row).startsWith("release-admin OK replay job " + forced.path("id")));
    }

    private JsonNode awaitStatus(long jobId, String status) {
        var job = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    job[0] = body(send(bearer(VIEWER_TOKEN, "/api/replays/" + jobId)), 200);
                    assertThat(job[0].path("status").asString()).isEqualTo(status);
                });
        return job[0];
    }

    private int jobs() {
        return jdbc.queryForObject("SELECT count(*) FROM replay_job", Integer.class);
    }
}
