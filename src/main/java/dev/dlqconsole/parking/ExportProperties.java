package dev.dlqconsole.parking;

import dev.dlqconsole.security.Roles;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may export messages: the role it takes (a viewer, an operator, an admin, each role including the
 * ones below it), or {@code NONE} to turn exports off for everyone.
 */
@ConfigurationProperties("dlq-console.export")
public record ExportProperties(@DefaultValue(Roles.OPERATOR) String role) {

    public static final String NONE = "NONE";

    public ExportProperties {
        role = role.strip().toUpperCase(Locale.ROOT);
        if (!List.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, NONE).contains(role)) {
            throw new IllegalArgumentException(
                    "dlq-console.export.role is " + role + "; use VIEWER, OPERATOR, ADMIN or NONE");
        }
    }

    boolean enabled() {
        return !NONE.equals(role);
    }
}
