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
 * log, unless {@code demoPassword} sets one for all three. {@code apiTokens} are service accounts of
 * the REST API under /api. {@code masking} names the sensitive values that only an admin may unmask.
 */
@ConfigurationProperties("dlq-console.security")
public record SecurityProperties(
        @DefaultValue List<User> users,
        @DefaultValue("false") boolean demoUsers,
        @Nullable String demoPassword,
        @DefaultValue("data/demo-passwords.properties") Path demoPasswordFile,
        @DefaultValue Oidc oidc,
        @DefaultValue List<ApiToken> apiTokens,
        @DefaultValue Masking masking) {

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
            @DefaultValue("VIEWER") List<String> roles) {}
}
