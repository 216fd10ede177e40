package dev.dlqconsole.base;

import java.sql.Connection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which database the console runs on, asked once: the few statements that must be written apart for
 * PostgreSQL and H2 (both run the same schema, docs/decisions/003) ask it.
 */
@Component
public class DatabaseProduct {

    private final JdbcTemplate jdbc;
    private volatile @Nullable Boolean postgres;

    public DatabaseProduct(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the database is PostgreSQL (else H2). */
    public boolean postgres() {
        var known = postgres;
        if (known == null) {
            known = jdbc.execute((Connection c) -> c.getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(Locale.ROOT)
                    .contains("postgres"));
            postgres = known;
        }
        return Boolean.TRUE.equals(known);
    }
}
