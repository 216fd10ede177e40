package dev.dlqconsole.parking;

import dev.dlqconsole.security.Roles;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may edit parked messages before replaying them (the role it takes, each role including the ones
 * below it, or {@code NONE} to turn editing off), and the most messages one find-and-replace may touch.
 */
@ConfigurationProperties("dlq-console.edit")
public record EditProperties(
        @DefaultValue(Roles.ADMIN) String role,
        @DefaultValue("10000") int bulkMax) {

    public static final String NONE = "NONE";

    public EditProperties {
        role = role.strip().toUpperCase(Locale.ROOT);
        if (!List.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, NONE).contains(role)) {
            throw new IllegalArgumentException(
                    "dlq-console.edit.role is " + role + "; use VIEWER, OPERATOR, ADMIN or NONE");
        }
        if (bulkMax < 1 || bulkMax > 100_000) {
            throw new IllegalArgumentException("dlq-console.edit.bulk-max must be between 1 and 100,000");
        }
    }
}
