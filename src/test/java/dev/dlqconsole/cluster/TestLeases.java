package dev.dlqconsole.cluster;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Another instance's leases on the test's database, for tests outside this package; and its crash. */
public final class TestLeases {

    private TestLeases() {}

    public static Leases instance(
            JdbcTemplate jdbc, PlatformTransactionManager transactions, String name, Duration leaseDuration) {
        return new Leases(jdbc, transactions, new ClusterProperties(name, leaseDuration), new SimpleMeterRegistry());
    }

    /** The instance stops renewing without giving anything up, as a killed one does. */
    public static void crash(Leases leases) {
        leases.stopRenewing();
    }

    public static void stop(Leases leases) {
        leases.releaseAll();
    }
}
