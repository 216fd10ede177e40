package dev.dlqconsole.parking;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Whether someone holds the configured edit role ({@code dlq-console.edit.role}); nobody does when
 * editing is off. {@link MessageEditService}'s {@code @PreAuthorize} asks it, so the role is checked in
 * the service whatever the view shows.
 */
@Component("editRole")
class EditRole {

    private final EditProperties properties;
    private final RoleHierarchy roles;

    EditRole(EditProperties properties, RoleHierarchy roles) {
        this.properties = properties;
        this.roles = roles;
    }

    public boolean permits(Authentication authentication) {
        if (EditProperties.NONE.equals(properties.role())) {
            return false;
        }
        var wanted = "ROLE_" + properties.role();
        return roles.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(wanted::equals);
    }
}
