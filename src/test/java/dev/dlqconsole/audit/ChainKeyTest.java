package dev.dlqconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChainKeyTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void a_short_secret_is_refused_at_start_up_with_the_property_named() {
        assertThatThrownBy(() -> ChainKey.of("too-short"))
                .hasMessageContaining("dlq-console.audit.chain-secret")
                .hasMessageContaining("32");
    }

    @Test
    void without_a_secret_nothing_is_keyed() {
        assertThat(ChainKey.of(null).present()).isFalse();
        assertThat(ChainKey.of(" ").event("abc")).isNull();
    }

    @Test
    void the_keyed_hash_depends_on_the_secret_and_on_what_it_covers() {
        var key = ChainKey.of(SECRET);
        assertThat(key.event("abc")).hasSize(64).isEqualTo(ChainKey.of(SECRET).event("abc"));
        assertThat(key.event("abc")).isNotEqualTo(ChainKey.of(SECRET + "x").event("abc"));
        assertThat(key.event("abc")).isNotEqualTo(key.event("abd"));
        assertThat(key.head(5, "abc", 1L)).isNotEqualTo(key.head(4, "abc", 1L));
        assertThat(key.head(5, "abc", 1L)).isNotEqualTo(key.head(5, "abc", null));
    }
}
