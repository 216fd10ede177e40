package dev.dlqconsole.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may log in. {@code users} are configured accounts (passwords hashed with a {@code {bcrypt}}
 * prefix, or {@code {noop}} for tests). With {@code demoUsers} on, viewer, operator and admin exist
 * too, with passwords generated at first start, kept in {@code demoPasswordFile} and printed in the
 * log, unless {@code demoPassword} sets one for all three. {@code apiTokens} are service accounts of
 * the REST API under /api. {@code masking} names the sensitive values that only an admin may unmask.
 * {@code trustedProxies} are the addresses (or CIDR ranges) of the load balancers in front of the
 * console: only from them are {@code X-Forwarded-For} and {@code X-Forwarded-Proto} believed. Mistakes
 * (an unknown role, a user named {@code system}, a name used twice) stop the console at start-up.
 */
@ConfigurationProperties("dlq-console.security")
public record SecurityProperties(
        @DefaultValue List<User> users,
        @DefaultValue("false") boolean demoUsers,
        @Nullable String demoPassword,
        @DefaultValue("data/demo-passwords.properties") Path demoPasswordFile,
        @DefaultValue Oidc oidc,
        @DefaultValue List<ApiToken> apiTokens,
        @DefaultValue Masking masking,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue LoginThrottle loginThrottle) {

    static final Set<String> ROLES = Set.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN);

    public SecurityProperties {
        var names = new HashSet<String>();
        for (var user : users) {
            if (!names.add(user.username().toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("dlq-console.security.users (" + user.username()
                        + "): the name is used twice (names match whatever their case)");
            }
        }
    }

    /** The role named in configuration, in the console's spelling; an error that lists the roles if unknown. */
    static String role(String setting, String role) {
        var name = role.strip().toUpperCase(Locale.ROOT);
        if (!ROLES.contains(name)) {
            throw new IllegalStateException(
                    setting + ": unknown role '" + role.strip() + "' (VIEWER, OPERATOR or ADMIN)");
        }
        return name;
    }

    /**
     * Password guessing, slowed per user and client address (a pause, only of that address) and per user
     * across all addresses (a delay before the password check, never a refusal); see LoginThrottle.
     * {@code maxEntries} bounds the rows the counts take in the database, whatever a flood of made-up
     * names or addresses sends.
     */
    public record LoginThrottle(
            @DefaultValue("5") int addressFailures,
            @DefaultValue("5m") Duration addressPause,
            @DefaultValue("15m") Duration window,
            @DefaultValue("10") int userFailures,
            @DefaultValue("1s") Duration userDelay,
            @DefaultValue("15s") Duration userMaxDelay,
            @DefaultValue("100000") int maxEntries) {

        public LoginThrottle {
            if (addressFailures < 1 || userFailures < 1 || maxEntries < 10) {
                throw new IllegalStateException("dlq-console.security.login-throttle: address-failures and"
                        + " user-failures must be at least 1, max-entries at least 10");
            }
        }

        /** How long a login of a user with this many recent failures (from anywhere) waits. */
        Duration delayAfter(int failures) {
            int doublings = Math.min(20, failures - userFailures);
            var delay = userDelay.multipliedBy(1L << doublings);
            return delay.compareTo(userMaxDelay) > 0 ? userMaxDelay : delay;
        }
    }

    /**
     * What is masked on every page and API answer: message attributes by name, and fields of bodies
     * (JSON fields anywhere in the document, {@code key=value} pairs in form or query text) by name.
     * Names match whatever their case. Setting a list replaces its defaults; an empty one masks nothing.
     */
    public record Masking(
            @DefaultValue({
                "authorization",
                "cookie",
                "set-cookie",
                "x-api-key",
                "api-key",
                "password",
                "secret",
                "token"
            })
            List<String> attributes,

            @DefaultValue({
                "password",
                "passwd",
                "secret",
                "token",
                "access_token",
                "refresh_token",
                "apiKey",
                "api_key",
                "authorization",
                "cardNumber",
                "card_number",
                "cvv",
                "cvc",
                "ssn",
                "iban"
            })
            List<String> bodyFields) {}

    /**
     * Login through OpenID Connect: {@code registration} names a Spring Security client registration
     * ({@code spring.security.oauth2.client.registration.<name>.*}); roles come from the groups in
     * {@code rolesClaim}, mapped by the three lists; {@code defaultRole} (empty: none) is given to
     * everyone else who can log in.
     */
    public record Oidc(
            @Nullable String registration,
            @DefaultValue("groups") String rolesClaim,
            @DefaultValue List<String> adminGroups,
            @DefaultValue List<String> operatorGroups,
            @DefaultValue List<String> viewerGroups,
            @DefaultValue("") String defaultRole) {

        public Oidc {
            if (defaultRole != null && !defaultRole.isBlank()) {
                role(
                        "dlq-console.security.oidc.default-role ("
                                + defaultRole.strip().toUpperCase(Locale.ROOT) + ")",
                        defaultRole);
            }
        }

        public boolean enabled() {
            return registration != null && !registration.isBlank();
        }
    }

    /**
     * A service account of the REST API: it sends {@code Authorization: Bearer <token>}, and the
     * console keeps only the token's SHA-256 (hex), so the configuration holds no secret. {@code name}
     * is the actor of everything the account does, in the audit trail and on replay jobs.
     */
    public record ApiToken(
            String name,
            String tokenSha256,
            @DefaultValue("VIEWER") List<String> roles) {}

    public record User(
            String username,
            String password,
            @DefaultValue("VIEWER") List<String> roles) {

        public User {
            if (username == null || username.isBlank()) {
                throw new IllegalStateException("every dlq-console.security.users entry needs a username");
            }
            if (username.strip().equalsIgnoreCase("system")) {
                // AuditLog.SYSTEM: what the console does on its own is recorded under this name.
                throw new IllegalStateException("dlq-console.security.users (" + username
                        + "): 'system' is the console's own name in the audit trail; choose another");
            }
            if (password == null || password.isBlank()) {
                throw new IllegalStateException("dlq-console.security.users (" + username + "): set a password");
            }
            roles = roles.stream()
                    .map(role -> role("dlq-console.security.users (" + username + ")", role))
                    .toList();
        }
    }
}
