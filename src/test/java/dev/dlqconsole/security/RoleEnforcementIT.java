package dev.dlqconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.overview.OverviewService;
import dev.dlqconsole.replay.ReplayService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.test.context.support.WithMockUser;

/** Roles are enforced by the services themselves, not only by what the views show. */
class RoleEnforcementIT extends ConsoleIntegrationTest {

    @Autowired
    OverviewService overview;

    @Autowired
    ReplayService replays;

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

    /**
     * What the Overview's and the jobs list's buttons reach (with a DLQ name or a job id the browser
     * sends): the services refuse a viewer before looking at either.
     */
    @Test
    @WithMockUser(roles = Roles.VIEWER)
    void a_viewer_can_neither_park_now_nor_pause_resume_or_cancel_a_replay() {
        assertThatThrownBy(() -> overview.parkNow("embedded", "any-dlq")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> replays.pause(1)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> replays.resume(1)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> replays.cancel(1)).isInstanceOf(AccessDeniedException.class);
    }
}
