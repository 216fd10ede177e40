package dev.dlqconsole.parking;

import dev.dlqconsole.audit.AuditLog;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may export (the configured role, through the role hierarchy), and the exports themselves. The
 * role check is {@link ParkingService#export}'s {@code @PreAuthorize}, which asks {@link #permits}.
 */
@Component("messageExports")
class MessageExports {

    private final ExportProperties properties;
    private final RoleHierarchy roles;
    private final ParkingLot lot;
    private final ShownMessages shown;
    private final AuditLog audit;
    private final JsonMapper json;

    MessageExports(
            ExportProperties properties,
            RoleHierarchy roles,
            ParkingLot lot,
            ShownMessages shown,
            AuditLog audit,
            JsonMapper json) {
        this.properties = properties;
        this.roles = roles;
        this.lot = lot;
        this.shown = shown;
        this.audit = audit;
        this.json = json;
    }

    /** Whether this user holds the export role; nobody does when exports are off. */
    public boolean permits(Authentication authentication) {
        if (!properties.enabled()) {
            return false;
        }
        var wanted = "ROLE_" + properties.role();
        return roles.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(wanted::equals);
    }

    MessageExport open(MessageFilter filter, ExportFormat format, String user) {
        return new MessageExport(filter, format, user, lot, shown, audit, json);
    }
}
