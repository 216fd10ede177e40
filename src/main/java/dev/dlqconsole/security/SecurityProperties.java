package dev.dlqconsole.security;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may log in. {@code users} are configured accounts (passwords hashed with a {@code {bcrypt}}
 * prefix, or {@code {noop}} for tests). With {@code demoUsers} on, viewer, operator and admin exist
 * too, with passwords generated at first start, kept in {@code demoPasswordFile} and printed in the
 * log, unless {@code demoPassword} sets one for all three.
 */
@ConfigurationProperties("dlq-console.security")
public record SecurityProperties(
        @DefaultValue List<User> users,
        @DefaultValue("false") boolean demoUsers,
        @Nullable String demoPassword,
        @DefaultValue("data/demo-passwords.properties") Path demoPasswordFile) {

    public record User(
            String username,
            String password,
            @DefaultValue("VIEWER") List<String> roles) {}
}
