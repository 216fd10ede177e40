package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.lucene.store.FSDirectory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On H2 the search index lives in files beside the database: a message parked by the previous
 * release is in it with its raw text. Masked again at start-up, it must not be found by a masked
 * value through that index either.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dlq-console.embedded-sqs.port=0",
            "dlq-console.demo.enabled=false",
            "dlq-console.parking.enabled=false",
            "dlq-console.security.demo-password=" + ConsoleIntegrationTest.PASSWORD,
        })
@WithMockUser(username = "vera", roles = "VIEWER")
class RemaskingSearchIndexIT {

    @Autowired
    ParkingService parking;

    @Autowired
    MessageSearch search;

    @Autowired
    ApplicationContext context;

    /** An H2 file and its search index as the previous release left them, one raw message in both. */
    @DynamicPropertySource
    static void legacyFiles(DynamicPropertyRegistry registry) throws IOException {
        var folder = Files.createTempDirectory(Path.of("target"), "remask-");
        var file = folder.toAbsolutePath().resolve("dlq-console");
        var url = "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        if (!TestDatabase.postgres()) {
            Flyway.configure()
                    .dataSource(url, "sa", "")
                    .locations("classpath:db/migration")
                    .target("12")
                    .load()
                    .migrate();
            var old = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
            var id = RemaskingIT.parkTheOldWay(old);
            try (var index = new TrigramIndex(FSDirectory.open(Path.of(file + ".search")), old)) {
                index.add(List.of(new MessageSearch.Searchable(id, RemaskingIT.oldSearchText())));
            }
            old.execute("SHUTDOWN");
        }
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }

    @BeforeEach
    void onH2AndThisContext() {
        Assumptions.assumeFalse(TestDatabase.postgres(), "the search index beside the file is H2's");
        context.getBeanProvider(SecurityContextHolderStrategy.class)
                .ifAvailable(SecurityContextHolder::setContextHolderStrategy);
    }

    @Test
    void the_index_beside_the_file_no_longer_finds_a_masked_value() {
        await().atMost(Duration.ofSeconds(20)).until(() -> !search.inDatabase());
        var all = new MessageFilter("legacy-dlq", null, null, null, null, null, null, null);

        assertThat(parking.page(all.withText("lin"), null, 10)).hasSize(1);
        assertThat(parking.page(all.withText(RemaskingIT.SECRET), null, 10)).isEmpty();
        assertThat(parking.page(all.withText(RemaskingIT.TOKEN), null, 10)).isEmpty();
    }
}
