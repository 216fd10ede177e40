package dev.dlqconsole;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of integration tests: the whole console on a random port, with its embedded SQS server on
 * a free port, a fresh database (H2, or PostgreSQL with -Ddlq.postgres=true) and known demo passwords.
 * The demo workload is off unless a test turns it on.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dlq-console.embedded-sqs.port=0",
            "dlq-console.demo.enabled=false",
            "dlq-console.security.demo-password=" + ConsoleIntegrationTest.PASSWORD,
            "dlq-console.sqs.discovery-interval=1s",
            "dlq-console.replay.canary-watch=1s",
            // Most tests are about what a replay does once it runs; FourEyesIT turns approvals on.
            "dlq-console.replay.approval-required=false",
            "dlq-console.ops.metrics-refresh=1s",
            // Notification retries in a test's time: 200 ms, 400 ms, 800 ms, then failed.
            "dlq-console.notifications.poll=200ms",
            "dlq-console.notifications.first-backoff=200ms",
            "dlq-console.notifications.max-backoff=1s",
            "dlq-console.notifications.max-attempts=4",
            "dlq-console.notifications.public-base-url=https://dlq.example.test",
        })
public abstract class ConsoleIntegrationTest {

    public static final String PASSWORD = "correct-horse";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Autowired
    private ApplicationContext context;

    /**
     * Each application context installs its own (Vaadin-aware) security context strategy as the
     * static one; with several cached contexts in one JVM the static one may be another test's. Point
     * it at this test's, where {@code @WithMockUser} put the user, as it is in a running console.
     */
    @BeforeEach
    void useThisContextsSecurityStrategy() {
        context.getBeanProvider(SecurityContextHolderStrategy.class)
                .ifAvailable(SecurityContextHolder::setContextHolderStrategy);
    }
}
