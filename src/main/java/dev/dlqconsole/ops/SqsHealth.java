package dev.dlqconsole.ops;

import dev.dlqconsole.sqs.ConnectionCheck;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code sqs} health component: one indicator per connection, up when it lists queues within
 * {@code dlq-console.ops.sqs-health-timeout}. It is not in the readiness group: one unreachable
 * account should alert, not take the console out of the load balancer.
 */
@Configuration(proxyBeanMethods = false)
class SqsHealth {

    @Bean
    CompositeHealthContributor sqsHealthContributor(SqsGateway sqs, OpsProperties properties) {
        var indicators = new LinkedHashMap<String, HealthIndicator>();
        for (var connection : sqs.connectionNames()) {
            var recent = new Recent(() -> sqs.check(connection, properties.sqsHealthTimeout()));
            indicators.put(connection, () -> health(recent.get()));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }

    /**
     * The health endpoint is open to load balancers, so each connection is checked at most every
     * {@link #FRESH}: polling it often costs nothing in SQS API calls.
     */
    static final Duration FRESH = Duration.ofSeconds(10);

    private static final class Recent {
        private final Supplier<ConnectionCheck> check;
        private @Nullable ConnectionCheck last;
        private long at;

        Recent(Supplier<ConnectionCheck> check) {
            this.check = check;
        }

        synchronized ConnectionCheck get() {
            if (last == null || System.nanoTime() - at > FRESH.toNanos()) {
                last = check.get();
                at = System.nanoTime();
            }
            return last;
        }
    }

    static Health health(ConnectionCheck check) {
        var health = check.reachable() ? Health.up() : Health.down().withDetail("error", check.error());
        return health.withDetail("tookMs", check.took().toMillis()).build();
    }
}
