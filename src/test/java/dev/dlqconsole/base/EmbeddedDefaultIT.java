package dev.dlqconsole.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Starts the console as the README's first command does, on its own configuration (a file-based H2),
 * and checks what the embedded default promises: durable H2 writes and the demo queues' DLQs.
 */
class EmbeddedDefaultIT {

    @TempDir
    Path dir;

    private static String defaultUrl() {
        var yaml = new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
        yaml.setResources(new org.springframework.core.io.ClassPathResource("application.yml"));
        var url = yaml.getObject().getProperty("spring.datasource.url");
        assertThat(url).startsWith("jdbc:h2:file:./data/").contains("WRITE_DELAY=0");
        return url;
    }

    @Test
    void embedded_default_runs_h2_with_no_write_delay_and_creates_the_demo_dlqs() {
        try (var context = new SpringApplicationBuilder(dev.dlqconsole.Application.class)
                // Command-line arguments: they win over application.yml, as the test needs.
                .run(
                        "--server.port=0",
                        "--dlq-console.embedded-sqs.port=0",
                        "--dlq-console.demo.producer-interval=1h",
                        "--dlq-console.security.demo-password-file=" + dir.resolve("passwords.properties"),
                        // The shipped URL and its settings, with the file moved into a temporary folder.
                        "--spring.datasource.url=" + defaultUrl().replace("./data/", dir + "/"))) {
            var jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
            var writeDelay = jdbc.queryForObject(
                    "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'",
                    String.class);
            assertThat(writeDelay).isEqualTo("0");

            var discovery = context.getBean(dev.dlqconsole.sqs.DlqDiscovery.class);
            var dlqs = discovery.refresh("embedded").deadLetterQueues();
            assertThat(dlqs)
                    .extracting(dev.dlqconsole.sqs.DeadLetterQueue::name)
                    .containsExactlyInAnyOrder("notifications-dlq", "orders-dlq", "payments-dlq.fifo", "shipping-dlq");
            assertThat(dlqs)
                    .filteredOn(q -> q.name().equals("shipping-dlq"))
                    .singleElement()
                    .satisfies(q -> assertThat(q.sources()).hasSize(2));
            assertThat(dir.resolve("passwords.properties")).exists();
        }
    }
}
