package dev.dlqconsole.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/**
 * Turns the groups an identity provider puts in a claim into the console's roles, so access is
 * managed where the company manages people, not in the console's configuration. Someone whose groups
 * map to no role (and no default role is set) is not logged in.
 */
final class OidcRoles implements GrantedAuthoritiesMapper {

    private final SecurityProperties.Oidc settings;

    OidcRoles(SecurityProperties.Oidc settings) {
        this.settings = settings;
    }

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        var mapped = new HashSet<GrantedAuthority>(authorities);
        var groups = new HashSet<String>();
        for (var authority : authorities) {
            if (authority instanceof OidcUserAuthority oidc) {
                groups.addAll(claimValues(oidc.getAttributes().get(settings.rolesClaim())));
            }
        }
        var roles = roles(groups);
        if (roles.isEmpty()) {
            // Signed in at the identity provider, but not someone the console knows: no session at all,
            // rather than one that opens pages whose every service call is refused.
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED),
                    "You are signed in, but your groups give you no role in DLQ Console. Ask an admin to map"
                            + " one of your groups to a role.");
        }
        roles.forEach(role -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
        return mapped;
    }

    Set<String> roles(Set<String> groups) {
        var roles = new HashSet<String>();
        if (settings.adminGroups().stream().anyMatch(groups::contains)) {
            roles.add(Roles.ADMIN);
        }
        if (settings.operatorGroups().stream().anyMatch(groups::contains)) {
            roles.add(Roles.OPERATOR);
        }
        if (settings.viewerGroups().stream().anyMatch(groups::contains)) {
            roles.add(Roles.VIEWER);
        }
        if (roles.isEmpty() && !settings.defaultRole().isBlank()) {
            roles.add(settings.defaultRole().strip().toUpperCase(java.util.Locale.ROOT));
        }
        return roles;
    }

    private static List<String> claimValues(Object claim) {
        var values = new ArrayList<String>();
        if (claim instanceof Collection<?> collection) {
            collection.forEach(v -> values.add(String.valueOf(v)));
        } else if (claim instanceof String text) {
            for (var part : text.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    values.add(part);
                }
            }
        }
        return values;
    }
}
