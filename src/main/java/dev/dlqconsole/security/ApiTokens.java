package dev.dlqconsole.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The API's service accounts: a bearer token is accepted when its SHA-256 matches a configured one.
 * Every configured hash is compared, in constant time, whatever matched before.
 */
final class ApiTokens implements AuthenticationProvider {

    private static final Set<String> ROLES = Set.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN);

    private final List<Account> accounts;

    /** Checks the configuration; {@code isUser} tells names already taken by people who log in. */
    ApiTokens(List<SecurityProperties.ApiToken> tokens, Predicate<String> isUser) {
        this.accounts = tokens.stream().map(ApiTokens::account).toList();
        var names = new HashSet<String>();
        for (var account : accounts) {
            // The name is the actor in the audit trail: it must say who acted, unambiguously.
            // "system" is the console's own actor (AuditLog.SYSTEM).
            if (!names.add(account.name())
                    || isUser.test(account.name())
                    || account.name().equals("system")) {
                throw new IllegalStateException("dlq-console.security.api-tokens (" + account.name()
                        + "): the name is already used by another account");
            }
        }
    }

    private static Account account(SecurityProperties.ApiToken token) {
        if (token.name() == null || token.name().isBlank() || token.name().length() > 100) {
            throw invalid(token, "every token needs a name of 1 to 100 characters");
        }
        if (token.tokenSha256() == null || !token.tokenSha256().matches("[0-9a-fA-F]{64}")) {
            throw invalid(token, "token-sha256 must be the token's SHA-256 as 64 hex digits");
        }
        if (token.roles().isEmpty()) {
            throw invalid(token, "give the account a role");
        }
        var authorities = new ArrayList<SimpleGrantedAuthority>();
        for (var role : token.roles()) {
            var name = role.strip().toUpperCase(Locale.ROOT);
            if (!ROLES.contains(name)) {
                throw invalid(token, "unknown role '" + role + "' (VIEWER, OPERATOR or ADMIN)");
            }
            authorities.add(new SimpleGrantedAuthority("ROLE_" + name));
        }
        return new Account(token.name(), HexFormat.of().parseHex(token.tokenSha256()), authorities);
    }

    private static IllegalStateException invalid(SecurityProperties.ApiToken token, String problem) {
        return new IllegalStateException("dlq-console.security.api-tokens (" + token.name() + "): " + problem);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var presented = sha256(String.valueOf(authentication.getCredentials()));
        @Nullable Account match = null;
        for (var account : accounts) {
            if (MessageDigest.isEqual(account.sha256(), presented) && match == null) {
                match = account;
            }
        }
        if (match == null) {
            throw new BadCredentialsException("Unknown API token");
        }
        return ApiTokenAuthentication.of(match.name(), match.authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiTokenAuthentication.class.isAssignableFrom(authentication);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Account(String name, byte[] sha256, List<SimpleGrantedAuthority> authorities) {}
}
