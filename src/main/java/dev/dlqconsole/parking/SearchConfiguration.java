package dev.dlqconsole.parking;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which text search the database gets: PostgreSQL's own (a trigram index), or, on H2, a trigram index
 * beside the database file ({@code ./data/dlq-console.search} for {@code ./data/dlq-console}), kept in
 * memory for an in-memory database.
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);
    private static final Pattern H2_FILE = Pattern.compile("jdbc:h2:(?:file:)?([^;:][^;]*)(;.*)?");

    private final JdbcTemplate jdbc;
    private MessageSearch search;

    SearchConfiguration(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Bean(destroyMethod = "")
    MessageSearch messageSearch(DataSource dataSource) throws SQLException, IOException {
        String product;
        String url;
        try (var connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
            url = connection.getMetaData().getURL();
        }
        if (product.toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
            search = new TrigramSearch(jdbc);
            return search;
        }
        var file = H2_FILE.matcher(url);
        var directory = file.matches() && !url.startsWith("jdbc:h2:mem:")
                ? FSDirectory.open(Path.of(file.group(1) + ".search"))
                : new ByteBuffersDirectory();
        search = new TrigramIndex(directory, jdbc);
        return search;
    }

    /** After start-up, in the background: the index catches up with what it missed. */
    @EventListener(ApplicationReadyEvent.class)
    void reconcile() {
        if (search instanceof TrigramIndex index) {
            Thread.ofVirtual().name("search-index-reconcile").start(() -> {
                try {
                    index.reconcile();
                } catch (RuntimeException e) {
                    log.warn("Could not reconcile the search index; searches scan the table: {}", e.toString());
                }
            });
        }
    }

    @jakarta.annotation.PreDestroy
    void close() throws IOException {
        if (search instanceof TrigramIndex index) {
            index.close();
        }
    }
}
