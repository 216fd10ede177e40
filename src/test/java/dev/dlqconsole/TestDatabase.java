package dev.dlqconsole;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database of an integration test's application context: a fresh in-memory H2 by default, or a
 * fresh schema on the local PostgreSQL when the build runs with {@code -Ddlq.postgres=true} (the
 * {@code postgres} Maven profile), or with {@code auto} when PostgreSQL answers (the {@code setup}
 * profile, the README's test command).
 */
public final class TestDatabase {

    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private TestDatabase() {}

    private static final boolean POSTGRES = decide(System.getProperty("dlq.postgres", "false"));

    public static boolean postgres() {
        return POSTGRES;
    }

    private static boolean decide(String setting) {
        if (!setting.equals("auto")) {
            return Boolean.parseBoolean(setting);
        }
        DriverManager.setLoginTimeout(5);
        try (var connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "")) {
            return connection.isValid(5);
        } catch (SQLException e) {
            System.err.println("[TestDatabase] PostgreSQL does not answer at " + POSTGRES_URL + " (" + e.getMessage()
                    + "): the integration tests run on H2");
            return false;
        }
    }

    public static void register(DynamicPropertyRegistry registry) {
        // The schema's name says when it was made (seconds, in hex), so that a later run can drop the
        // schemas of runs long gone: a cached test context keeps its schema until the JVM ends.
        register(
                registry,
                "t" + Long.toHexString(System.currentTimeMillis() / 1000) + "_"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 6));
    }

    /**
     * The same with a schema of the caller's naming, made when missing and kept: a benchmark's run can
     * measure again on what an earlier one built (its name does not match the stale schemas' pattern).
     */
    public static void register(DynamicPropertyRegistry registry, String name) {
        if (postgres()) {
            dropStaleSchemas();
            createSchema(name);
            registry.add("spring.datasource.url", () -> POSTGRES_URL + "?currentSchema=" + name);
            registry.add("spring.datasource.username", () -> "postgres");
            registry.add("spring.datasource.password", () -> "");
            registry.add("spring.flyway.schemas", () -> name);
            // Test contexts stay cached, each with its pool: keep the pools small and let idle
            // connections go, or PostgreSQL runs out of its 100 connections.
            registry.add("spring.datasource.hikari.maximum-pool-size", () -> "6");
            registry.add("spring.datasource.hikari.minimum-idle", () -> "0");
            registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        } else {
            registry.add(
                    "spring.datasource.url",
                    () -> "jdbc:h2:mem:" + name
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean swept =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Once per JVM: drops test schemas made more than six hours ago (no run lasts that long). */
    private static void dropStaleSchemas() {
        if (!swept.compareAndSet(false, true)) {
            return;
        }
        long cutoff = System.currentTimeMillis() / 1000 - 6 * 3600;
        try (var connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
                var statement = connection.createStatement()) {
            var stale = new java.util.ArrayList<String>();
            try (var rows = statement.executeQuery(
                    "SELECT nspname FROM pg_namespace WHERE nspname ~ '^t[0-9a-f]{8}_[0-9a-f]{6}$'")) {
                while (rows.next()) {
                    var schema = rows.getString(1);
                    if (Long.parseLong(schema.substring(1, 9), 16) < cutoff) {
                        stale.add(schema);
                    }
                }
            }
            for (var schema : stale) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("[TestDatabase] could not drop old test schemas: " + e.getMessage());
        }
    }

    private static void createSchema(String name) {
        try (var connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + POSTGRES_URL, e);
        }
    }
}
