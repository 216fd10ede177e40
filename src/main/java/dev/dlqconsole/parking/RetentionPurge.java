package dev.dlqconsole.parking;

import dev.dlqconsole.cluster.Leases;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * The retention purge on its cron, once per firing across the cluster: every instance's cron fires,
 * the first to take the lease purges, and the lease stays half the time to the next firing so the
 * others (whose clocks may differ by a little) skip this one.
 */
@Component
class RetentionPurge {

    private final ParkingService parking;
    private final Leases leases;
    private final Clock clock;
    private final CronExpression cron;

    RetentionPurge(
            ParkingService parking,
            Leases leases,
            Clock clock,
            @Value("${dlq-console.parking.purge-cron:0 17 * * * *}") String cron) {
        this.parking = parking;
        this.leases = leases;
        this.clock = clock;
        this.cron = CronExpression.parse(cron);
    }

    @Scheduled(cron = "${dlq-console.parking.purge-cron:0 17 * * * *}")
    void purge() {
        leases.runOncePer("retention purge", holdUntilNextFiring(), parking::purgeHandled);
    }

    /** Half the time to the next firing, whatever the cron's pattern (irregular ones included). */
    Duration holdUntilNextFiring() {
        var now = ZonedDateTime.now(clock);
        var next = cron.next(now);
        return next == null
                ? Duration.ofMinutes(5)
                : Duration.between(now, next).dividedBy(2);
    }
}
