package dev.dlqconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

class OidcRolesTest {

    private final OidcRoles roles = new OidcRoles(new SecurityProperties.Oidc(
            "corp", "groups", List.of("sre-leads"), List.of("sre", "oncall"), List.of("engineering"), ""));

    @Test
    void groups_in_the_claim_become_roles() {
        var mapped = roles.mapAuthorities(List.of(authority(Map.of("groups", List.of("oncall", "payments")))));

        assertThat(mapped)
                .extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_OPERATOR")
                .doesNotContain("ROLE_ADMIN");
    }

    @Test
    void a_space_separated_claim_works_too() {
        assertThat(roles.mapAuthorities(List.of(authority(Map.of("groups", "engineering sre-leads")))))
                .extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_VIEWER", "ROLE_ADMIN");
    }

    @Test
    void someone_in_no_mapped_group_gets_no_role_unless_a_default_is_set() {
        assertThat(roles.roles(Set.of("marketing"))).isEmpty();
        var withDefault =
                new OidcRoles(new SecurityProperties.Oidc("corp", "groups", List.of(), List.of(), List.of(), "viewer"));
        assertThat(withDefault.roles(Set.of("marketing"))).containsExactly("VIEWER");
    }

    private static OidcUserAuthority authority(Map<String, Object> claims) {
        var all = new java.util.HashMap<String, Object>(claims);
        all.put("sub", "alice");
        var token = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), all);
        return new OidcUserAuthority(token);
    }
}
