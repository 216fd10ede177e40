package dev.dlqconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplayIdsTest {

    private final ReplayIds ids = new ReplayIds(
            new SigningKey("a test key of at least thirty-two characters".getBytes(StandardCharsets.UTF_8)));

    @Test
    void an_id_is_the_same_for_the_same_job_and_message_and_checks() {
        var id = ids.of(42, 7);

        assertThat(id).hasSize(64).matches("[0-9a-f]{64}").startsWith("000000000000002a0000000000000007");
        assertThat(ids.of(42, 7)).isEqualTo(id);
        assertThat(ids.genuine(id)).isTrue();
        assertThat(ids.of(42, 8)).isNotEqualTo(id);
    }

    @Test
    void an_id_made_without_the_key_or_changed_does_not_check() {
        var id = ids.of(42, 7);
        var otherKey = new ReplayIds(
                new SigningKey("another key, also thirty-two characters or more".getBytes(StandardCharsets.UTF_8)));

        assertThat(ids.genuine(otherKey.of(42, 7))).isFalse();
        assertThat(ids.genuine(id.substring(0, 31) + "8" + id.substring(32)))
                .as("another message, same MAC")
                .isFalse();
        assertThat(ids.genuine(id.substring(0, 63) + (id.endsWith("0") ? "1" : "0")))
                .isFalse();
        assertThat(ids.genuine(id.toUpperCase())).isFalse();
        assertThat(ids.genuine("0123456789abcdef0123456789abcdef"))
                .as("the old, unsigned form")
                .isFalse();
        assertThat(ids.genuine("")).isFalse();
    }
}
