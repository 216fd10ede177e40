package dev.dlqconsole.ops;

import dev.dlqconsole.sqs.ConnectionCheck;
import dev.dlqconsole.sqs.SqsGateway;
import java.util.LinkedHashMap;
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
            indicators.put(connection, () -> health(sqs.check(connection, properties.sqsHealthTimeout())));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }

    static Health health(ConnectionCheck check) {
        var health = check.reachable() ? Health.up() : Health.down().withDetail("error", check.error());
        return health.withDetail("tookMs", check.took().toMillis()).build();
    }
}
