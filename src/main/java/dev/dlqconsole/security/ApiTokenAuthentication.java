package dev.dlqconsole.security;

import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A bearer token as presented (not yet authenticated, named only "(API token)" so a failed attempt
 * never writes the secret into the audit trail), or the service account it belongs to.
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    static final String UNKNOWN = "(API token)";

    private final String name;
    private @Nullable String token;

    private ApiTokenAuthentication(
            String name, @Nullable String token, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.name = name;
        this.token = token;
    }

    static ApiTokenAuthentication presented(String token) {
        return new ApiTokenAuthentication(UNKNOWN, token, List.of());
    }

    static ApiTokenAuthentication of(String serviceAccount, Collection<? extends GrantedAuthority> authorities) {
        var authentication = new ApiTokenAuthentication(serviceAccount, null, authorities);
        authentication.setAuthenticated(true);
        return authentication;
    }

    @Override
    public @Nullable Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return name;
    }

    @Override
    public void eraseCredentials() {
        token = null;
    }
}
