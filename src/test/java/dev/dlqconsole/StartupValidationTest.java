package dev.dlqconsole;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.security.SecurityProperties;
import dev.dlqconsole.sqs.SqsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Configuration mistakes stop the console at start-up with a message that names the setting, instead
 * of a console that starts and quietly lets nobody in (or the wrong people). Bound by Spring Boot, as
 * at a real start.
 */
class StartupValidationTest {

    private final ApplicationContextRunner console =
            new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void an_unknown_oidc_default_role_is_refused() {
        assertRefused(
                "dlq-console.security.oidc.default-role (SUPERUSER)",
                "dlq-console.security.oidc.registration=corp",
                "dlq-console.security.oidc.default-role=superuser");
    }

    @Test
    void an_unknown_user_role_is_refused() {
        assertRefused(
                "dlq-console.security.users (alice): unknown role 'ADMN'",
                "dlq-console.security.users[0].username=alice",
                "dlq-console.security.users[0].password={noop}x",
                "dlq-console.security.users[0].roles=ADMN");
    }

    @Test
    void a_user_named_system_is_refused() {
        assertRefused(
                "'system' is the console's own name",
                "dlq-console.security.users[0].username=System",
                "dlq-console.security.users[0].password={noop}x");
    }

    @Test
    void two_users_with_one_name_are_refused() {
        assertRefused(
                "dlq-console.security.users (Alice): the name is used twice",
                "dlq-console.security.users[0].username=alice",
                "dlq-console.security.users[0].password={noop}x",
                "dlq-console.security.users[1].username=Alice",
                "dlq-console.security.users[1].password={noop}y");
    }

    @Test
    void two_connections_with_one_name_are_refused() {
        assertRefused(
                "dlq-console.sqs.connections (payments): the name is used twice",
                "dlq-console.sqs.connections[0].name=payments",
                "dlq-console.sqs.connections[1].name=payments",
                "dlq-console.sqs.connections[1].region=eu-west-1");
    }

    @Test
    void a_valid_configuration_starts() {
        console.withPropertyValues(
                        "dlq-console.security.oidc.registration=corp",
                        "dlq-console.security.oidc.default-role=viewer",
                        "dlq-console.security.users[0].username=alice",
                        "dlq-console.security.users[0].password={noop}x",
                        "dlq-console.security.users[0].roles=operator",
                        "dlq-console.sqs.connections[0].name=payments",
                        "dlq-console.sqs.connections[1].name=orders")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void the_production_profile_serves_actuator_on_its_own_port() {
        try (var production = new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE)
                .profiles("production")
                .run()) {
            assertThat(production.getEnvironment().getProperty("management.server.port"))
                    .as("management.server.port")
                    .isEqualTo("8081");
        }
        try (var embedded = new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE)
                .run()) {
            assertThat(embedded.getEnvironment().getProperty("management.server.port"))
                    .as("the embedded default keeps one port")
                    .isNull();
        }
    }

    private void assertRefused(String message, String... properties) {
        console.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            var cause = context.getStartupFailure();
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause).hasMessageContaining(message);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SecurityProperties.class, SqsProperties.class})
    static class Settings {}
}
