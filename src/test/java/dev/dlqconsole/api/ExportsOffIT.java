package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With {@code dlq-console.export.role=NONE} nobody exports, admins included. */
@TestPropertySource(properties = "dlq-console.export.role=NONE")
class ExportsOffIT extends ApiIntegrationTest {

    @Test
    void with_exports_off_even_an_admin_is_refused() {
        var refused = body(send(bearer(ADMIN_TOKEN, "/api/messages/export?format=csv")), 403);

        assertThat(refused.path("title").asString()).isEqualTo("Forbidden");
        assertThat(parking.exportAllowed()).isFalse();
    }
}
