package dev.dlqconsole.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** Builds the console's accounts from configuration, generating the demo users' passwords once. */
final class ConsoleUsers {

    private static final Logger log = LoggerFactory.getLogger(ConsoleUsers.class);
    private static final List<String> DEMO_USERS = List.of("viewer", "operator", "admin");

    private ConsoleUsers() {}

    static List<UserDetails> from(SecurityProperties properties) {
        var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        var users = new ArrayList<UserDetails>();
        for (var user : properties.users()) {
            users.add(User.withUsername(user.username())
                    .password(user.password())
                    .roles(user.roles().toArray(String[]::new))
                    .build());
        }
        if (properties.demoUsers()) {
            var passwords = demoPasswords(properties);
            var banner = new StringBuilder("Demo users (embedded default only):");
            for (var name : DEMO_USERS) {
                var password = passwords.getProperty(name);
                users.add(User.withUsername(name)
                        .password(encoder.encode(password))
                        .roles(name.toUpperCase(java.util.Locale.ROOT))
                        .build());
                banner.append("\n    ")
                        .append(String.format("%-9s", name))
                        .append(" / ")
                        .append(password);
            }
            log.info("{}", banner);
        }
        if (users.isEmpty() && !properties.oidc().enabled()) {
            throw new IllegalStateException(
                    "No users are configured: set dlq-console.security.users or .oidc (see the README), or turn on demo users");
        }
        return users;
    }

    private static Properties demoPasswords(SecurityProperties properties) {
        var passwords = new Properties();
        if (properties.demoPassword() != null) {
            DEMO_USERS.forEach(name -> passwords.setProperty(name, properties.demoPassword()));
            return passwords;
        }
        var file = properties.demoPasswordFile();
        try {
            if (Files.exists(file)) {
                try (var in = Files.newBufferedReader(file)) {
                    passwords.load(in);
                }
            }
            if (DEMO_USERS.stream().allMatch(passwords::containsKey)) {
                return passwords;
            }
            var random = new SecureRandom();
            for (var name : DEMO_USERS) {
                var bytes = new byte[9];
                random.nextBytes(bytes);
                passwords.setProperty(
                        name, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            }
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (var out = Files.newBufferedWriter(file)) {
                passwords.store(out, "Demo users of DLQ Console, generated at first start");
            }
            return passwords;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo passwords in " + file, e);
        }
    }
}
