package dev.dlqconsole.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestDatabase;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/**
 * An operator's pause and the executor write the same job row at the same moment. The test holds the
 * row the way the executor's transaction does (an uncommitted UPDATE) while the pause runs, then lets
 * go: the pause changes the status and nothing else, and never turns a finished job into a paused one.
 * No executor runs here (it polls once an hour), so the test alone writes as the executor.
 */
@TestPropertySource(properties = {"dlq-console.parking.enabled=false", "dlq-console.replay.poll=1h"})
@WithMockUser(username = "olivia", roles = "OPERATOR")
class ReplayJobWritesIT extends ConsoleIntegrationTest {

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    ParkingService parking;

    @Autowired
    ReplayService replays;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_pause_keeps_what_the_executor_wrote_meanwhile() throws Exception {
        var job = newJob();
        var watchUntil = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

        whileTheExecutorHoldsTheRow(
                "UPDATE replay_job SET canary_until = ? WHERE id = ?",
                Timestamp.from(watchUntil),
                job,
                () -> replays.pause(job));

        var paused = replays.job(job);
        assertThat(paused.status()).isEqualTo(ReplayStatus.PAUSED);
        assertThat(paused.canaryUntil()).isEqualTo(watchUntil);
    }

    @Test
    void a_pause_never_turns_a_job_that_just_completed_into_a_paused_one() throws Exception {
        var job = newJob();

        var pause = whileTheExecutorHoldsTheRow(
                "UPDATE replay_job SET status = 'COMPLETED', finished_at = ? WHERE id = ?",
                Timestamp.from(Instant.now()),
                job,
                () -> replays.pause(job));

        assertThat(replays.job(job).status()).isEqualTo(ReplayStatus.COMPLETED);
        assertThat(pause).as("the operator hears that the job had completed").isInstanceOf(IllegalStateException.class);
    }

    /** Runs {@code action} while an uncommitted update holds the job's row; returns what it threw. */
    private Throwable whileTheExecutorHoldsTheRow(String update, Object value, long job, Runnable action)
            throws Exception {
        try (var executor = dataSource.getConnection()) {
            executor.setAutoCommit(false);
            try (var statement = executor.prepareStatement(update)) {
                statement.setObject(1, value);
                statement.setLong(2, job);
                assertThat(statement.executeUpdate()).isEqualTo(1);
            }
            var running = CompletableFuture.runAsync(new DelegatingSecurityContextRunnable(action));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForALock() || running.isDone());
            executor.commit();
            try {
                running.get(10, TimeUnit.SECONDS);
                return null;
            } catch (java.util.concurrent.ExecutionException e) {
                return e.getCause();
            }
        }
    }

    /** Whether some session waits for a row lock (the action, blocked on the held row). */
    private boolean waitingForALock() {
        var sql = TestDatabase.postgres()
                ? "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                : "SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
        return jdbc.queryForObject(sql, Integer.class) > 0;
    }

    private long newJob() {
        var queues = TestQueues.create(sqs, "writes", false);
        for (int i = 0; i < 5; i++) {
            sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        discovery.refresh("embedded");
        parking.parkNow("embedded", queues.dlqName());
        var ids =
                parking.matchingIds(new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null), 100);
        return replays.create(new ReplayRequest(ids, null, "two writers", null, 1, false, null))
                .id();
    }
}
