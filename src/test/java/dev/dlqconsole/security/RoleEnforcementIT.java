package dev.dlqconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.overview.OverviewService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.test.context.support.WithMockUser;

/** Roles are enforced by the services themselves, not only by what the views show. */
class RoleEnforcementIT extends ConsoleIntegrationTest {

    @Autowired
    OverviewService overview;

    @Test
    void nobody_anonymous_reads_the_overview() {
        assertThatThrownBy(() -> overview.inventories()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    @WithMockUser(roles = Roles.VIEWER)
    void a_viewer_reads_the_overview_but_not_the_connection_settings() {
        assertThat(overview.inventories()).isNotEmpty();
        assertThatThrownBy(() -> overview.connections()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithMockUser(roles = Roles.ADMIN)
    void an_admin_is_also_a_viewer_and_sees_connection_settings_without_secrets() {
        assertThat(overview.inventories()).isNotEmpty();
        assertThat(overview.connections()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("embedded");
            assertThat(c.toString()).doesNotContain("secret");
        });
    }
}
