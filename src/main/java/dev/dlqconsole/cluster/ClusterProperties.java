package dev.dlqconsole.cluster;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This instance's name in the lease table (default: host name and process id), and how long a lease
 * lasts without renewal: the time after which a dead instance's work is taken over.
 */
@ConfigurationProperties("dlq-console.cluster")
public record ClusterProperties(
        @Nullable String instanceName, @DefaultValue("30s") Duration leaseDuration) {

    public ClusterProperties {
        if (leaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "dlq-console.cluster.lease-duration must be at least 1s, was " + leaseDuration);
        }
    }
}
