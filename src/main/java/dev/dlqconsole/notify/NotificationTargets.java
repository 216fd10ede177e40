package dev.dlqconsole.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The targets: those of {@code dlq-console.notifications.targets}, and those an admin added on the
 * Notifications page ({@code notification_target}, V21). A configured name cannot be added again.
 */
@Repository
class NotificationTargets {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<NotificationRule>> RULES = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final NotificationProperties properties;

    NotificationTargets(JdbcTemplate jdbc, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Every target, configured ones first. */
    List<Target> all() {
        var all = new ArrayList<Target>();
        properties.targets().forEach(t -> all.add(new Target(t, true)));
        jdbc.query("SELECT name, kind, url, secret, per_minute, rules FROM notification_target ORDER BY name", rs -> {
            all.add(new Target(
                    new NotificationTarget(
                            rs.getString("name"),
                            TargetKind.valueOf(rs.getString("kind")),
                            rs.getString("url"),
                            rs.getString("secret"),
                            rs.getInt("per_minute"),
                            JSON.readValue(rs.getString("rules"), RULES)),
                    false));
        });
        all.sort(Comparator.comparing((Target t) -> !t.configured())
                .thenComparing(t -> t.target().name()));
        return all;
    }

    Optional<NotificationTarget> named(String name) {
        return all().stream()
                .map(Target::target)
                .filter(t -> t.name().equals(name))
                .findFirst();
    }

    /** Whether it was added (false: a target has that name already). */
    boolean add(NotificationTarget target, String by, Instant now) {
        if (properties.targets().stream().anyMatch(t -> t.name().equals(target.name()))) {
            return false;
        }
        return jdbc.update(
                        "INSERT INTO notification_target (name, kind, url, secret, per_minute, rules, created_by, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        target.name(),
                        target.type().name(),
                        target.url(),
                        target.secret(),
                        target.perMinute(),
                        JSON.writeValueAsString(target.rules()),
                        by,
                        Timestamp.from(now))
                > 0;
    }

    boolean remove(String name) {
        return jdbc.update("DELETE FROM notification_target WHERE name = ?", name) > 0;
    }

    /** A target, and whether it comes from the configuration (then the page cannot remove it). */
    record Target(NotificationTarget target, boolean configured) {}
}
