package dev.dlqconsole.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Two "instances" (two lease keepers on one database) competing for the same leases. */
class LeasesIT extends ConsoleIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private final List<Leases> instances = new ArrayList<>();
    private final String name = "test " + UUID.randomUUID();

    private Leases instance(String instanceName, Duration leaseDuration) {
        var leases = new Leases(
                jdbc, transactions, new ClusterProperties(instanceName, leaseDuration), new SimpleMeterRegistry());
        instances.add(leases);
        return leases;
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(Leases::releaseAll);
    }

    @Test
    void one_instance_holds_a_lease_until_it_gives_it_up() {
        var a = instance("a", Duration.ofSeconds(30));
        var b = instance("b", Duration.ofSeconds(30));

        var lease = a.tryAcquire(name).orElseThrow();
        assertThat(lease.isValid()).isTrue();
        assertThat(b.tryAcquire(name)).isEmpty();
        assertThat(a.tryAcquire(name)).as("taken twice on one instance").isEmpty();
        assertThat(b.holder(name)).hasValueSatisfying(h -> assertThat(h).startsWith("a #"));

        lease.close();
        assertThat(lease.isValid()).isFalse();
        assertThat(b.isHeld(name)).isFalse();
        assertThat(b.tryAcquire(name)).isPresent();
    }

    @Test
    void a_renewed_lease_outlives_its_duration() throws InterruptedException {
        var a = instance("a", Duration.ofSeconds(2));
        var b = instance("b", Duration.ofSeconds(2));
        var lease = a.tryAcquire(name).orElseThrow();

        // Time is what this test is about: more than twice the duration passes with renewals only.
        Thread.sleep(5_000);

        assertThat(lease.isValid()).isTrue();
        assertThat(b.tryAcquire(name)).isEmpty();
    }

    @Test
    void a_crashed_instance_loses_its_lease_to_another_after_it_expires() {
        var a = instance("a", Duration.ofSeconds(1));
        var b = instance("b", Duration.ofSeconds(1));
        long taken = System.nanoTime();
        var lease = a.tryAcquire(name).orElseThrow();

        a.stopRenewing();

        assertThat(b.tryAcquire(name)).as("at once").isEmpty();
        var takenOver = await().atMost(Duration.ofSeconds(5))
                .until(() -> b.tryAcquire(name), java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(Duration.ofNanos(System.nanoTime() - taken)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(takenOver.isValid()).isTrue();
        assertThat(lease.isValid()).as("the crashed holder's own view").isFalse();
        assertThat(b.holder(name)).hasValueSatisfying(h -> assertThat(h).startsWith("b #"));
    }

    @Test
    void a_holder_whose_lease_was_taken_over_learns_it_at_the_next_renewal() {
        // a renews every 2 s: the test's expiry and b's takeover fall between two renewals.
        var a = instance("a", Duration.ofSeconds(6));
        var b = instance("b", Duration.ofSeconds(6));
        var lease = a.tryAcquire(name).orElseThrow();
        // As if a's renewals had not reached the database in time: the lease expired, b took it.
        jdbc.update("UPDATE lease SET expires_at = CURRENT_TIMESTAMP WHERE name = ?", name);
        assertThat(b.tryAcquire(name)).isPresent();

        await().atMost(Duration.ofSeconds(5)).until(() -> !lease.isValid());
        assertThat(b.holder(name)).hasValueSatisfying(h -> assertThat(h).startsWith("b #"));
    }

    @Test
    void a_confirmation_in_a_transaction_fails_once_another_instance_took_the_lease() {
        var a = instance("a", Duration.ofSeconds(30));
        var b = instance("b", Duration.ofSeconds(30));
        var lease = a.tryAcquire(name).orElseThrow();
        var transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);

        assertThat(transaction.<Boolean>execute(status -> a.confirm(lease))).isTrue();

        jdbc.update("UPDATE lease SET expires_at = CURRENT_TIMESTAMP WHERE name = ?", name);
        assertThat(b.tryAcquire(name)).isPresent();
        assertThat(transaction.<Boolean>execute(status -> a.confirm(lease)))
                .as("after b took it")
                .isFalse();
    }

    @Test
    void a_scheduled_check_runs_once_per_period_across_instances() {
        var a = instance("a", Duration.ofSeconds(30));
        var b = instance("b", Duration.ofSeconds(30));
        var runs = new AtomicInteger();

        assertThat(a.runOncePer(name, Duration.ofSeconds(2), runs::incrementAndGet))
                .isTrue();
        assertThat(b.runOncePer(name, Duration.ofSeconds(2), runs::incrementAndGet))
                .isFalse();
        assertThat(a.runOncePer(name, Duration.ofSeconds(2), runs::incrementAndGet))
                .isFalse();
        assertThat(runs).hasValue(1);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> b.runOncePer(name, Duration.ofSeconds(2), runs::incrementAndGet));
        assertThat(runs).hasValue(2);
    }

    @Test
    void a_graceful_stop_hands_leases_over_at_once() {
        var a = instance("a", Duration.ofSeconds(30));
        var b = instance("b", Duration.ofSeconds(30));
        a.tryAcquire(name).orElseThrow();

        a.releaseAll();

        assertThat(b.tryAcquire(name)).isPresent();
    }
}
