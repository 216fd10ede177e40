package dev.dlqconsole.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.SecondAccount;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.ReceivedMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Two accounts (the embedded server and a second ElasticMQ) that both hold {@code orders} and {@code
 * orders-dlq}: a replay target is a (connection, queue) pair, in the batches, the preview, the hourly
 * budget and duplicate collapsing, never a queue name alone.
 */
@TestPropertySource(
        properties = {
            "dlq-console.parking.enabled=false",
            "dlq-console.replay.poll=200ms",
            "dlq-console.replay.budget-per-hour=45"
        })
@WithMockUser(username = "olivia", roles = "OPERATOR")
class ReplayAccountsIT extends ConsoleIntegrationTest {

    private static final String HOME = "embedded";
    private static final String AWAY = SecondAccount.CONNECTION;

    @DynamicPropertySource
    static void secondAccount(DynamicPropertyRegistry registry) {
        SecondAccount.register(registry);
    }

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    ParkingService parking;

    @Autowired
    ReplayService replays;

    @Test
    void replaying_a_dlq_two_accounts_share_by_name_sends_each_message_back_to_its_own_account() {
        var name = "orders-" + UUID.randomUUID().toString().substring(0, 6);
        var home = TestQueues.named(sqs, HOME, name, false);
        var away = TestQueues.named(sqs, AWAY, name, false);
        // Parked interleaved: ten from one account, ten from the other, and again.
        for (int round = 0; round < 2; round++) {
            park(home, HOME, round, 10, Map.of());
            park(away, AWAY, round, 10, Map.of());
        }
        var everything = everythingIn(home.dlqName());

        var preview = replays.preview(everything);

        assertThat(preview.willSend()).isEqualTo(40);
        assertThat(preview.perTarget()).containsOnly(entry(HOME + "/" + name, 20), entry(AWAY + "/" + name, 20));

        var job = replays.create(everything);
        awaitCompleted(job.id());

        assertThat(bodies(TestQueues.drain(sqs, HOME, home.sourceUrl(), 20)))
                .hasSize(20)
                .allMatch(body -> body.startsWith(HOME + "-"));
        assertThat(bodies(TestQueues.drain(sqs, AWAY, away.sourceUrl(), 20)))
                .hasSize(20)
                .allMatch(body -> body.startsWith(AWAY + "-"));
    }

    @Test
    void the_hourly_budget_counts_each_account_apart() {
        var name = "budget-" + UUID.randomUUID().toString().substring(0, 6);
        var home = TestQueues.named(sqs, HOME, name, false);
        var away = TestQueues.named(sqs, AWAY, name, false);
        park(home, HOME, 0, 30, Map.of());
        park(away, AWAY, 0, 30, Map.of());

        // 30 to each of two queues named alike: within a budget of 45 per queue and hour.
        var job = replays.create(everythingIn(home.dlqName()));

        awaitCompleted(job.id());
        assertThat(replays.job(job.id()).sent()).isEqualTo(60);
    }

    @Test
    void the_same_message_in_two_accounts_is_no_duplicate_of_itself() {
        var name = "twins-" + UUID.randomUUID().toString().substring(0, 6);
        var home = TestQueues.named(sqs, HOME, name, false);
        var away = TestQueues.named(sqs, AWAY, name, false);
        var key = Map.of("idempotency-key", MessageAttribute.string("order-7"));
        sqs.send(HOME, home.dlqUrl(), OutgoingMessage.of("{\"order\":7}", key));
        sqs.send(AWAY, away.dlqUrl(), OutgoingMessage.of("{\"order\":7}", key));
        refreshAndPark(HOME, home);
        refreshAndPark(AWAY, away);

        var preview = replays.preview(everythingIn(home.dlqName()));

        assertThat(preview.duplicates()).isZero();
        assertThat(preview.willSend()).isEqualTo(2);
    }

    private void park(TestQueues queues, String connection, int round, int count, Map<String, MessageAttribute> attrs) {
        for (int i = 0; i < count; i++) {
            sqs.send(
                    connection,
                    queues.dlqUrl(),
                    OutgoingMessage.of(connection + "-" + round + "-" + i + "-" + UUID.randomUUID(), attrs));
        }
        refreshAndPark(connection, queues);
    }

    private void refreshAndPark(String connection, TestQueues queues) {
        discovery.refresh(connection);
        parking.parkNow(connection, queues.dlqName());
    }

    private static ReplayRequest everythingIn(String dlq) {
        var filter = new MessageFilter(dlq, null, null, null, null, null, null, null);
        return new ReplayRequest(List.of(), filter, "both accounts recovered", null, 1_000, false, null, true, false);
    }

    private void awaitCompleted(long jobId) {
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(replays.job(jobId).status()).isEqualTo(ReplayStatus.COMPLETED));
    }

    private static List<String> bodies(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::body).toList();
    }
}
