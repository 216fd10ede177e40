package dev.dlqconsole.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.MutableClock;
import dev.dlqconsole.tracing.TraceSummaryResult.NotFound;
import dev.dlqconsole.tracing.TraceSummaryResult.Summary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryCacheTest {

    private static final Summary SUMMARY = new Summary(List.of("a"), 1, Duration.ZERO, List.of());

    private final MutableClock clock = new MutableClock(Instant.parse("2026-08-07T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SummaryCache cache = new SummaryCache(clock, Duration.ofMinutes(5), 3, meters);

    /** Which older entry goes is Caffeine's choice (by how often each was read), not the oldest. */
    @Test
    void holds_no_more_than_its_capacity_and_keeps_the_newest() {
        for (var i = 0; i < 10; i++) {
            cache.put("trace-" + i, SUMMARY);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("trace-9")).isEqualTo(SUMMARY);
    }

    @Test
    void counts_its_hits_misses_and_size_in_the_meter_registry() {
        cache.put("a", SUMMARY);

        cache.get("a");
        cache.get("a");
        cache.get("b");

        var hits = meters.get("cache.gets")
                .tags("cache", SummaryCache.NAME, "result", "hit")
                .functionCounter();
        var misses = meters.get("cache.gets")
                .tags("cache", SummaryCache.NAME, "result", "miss")
                .functionCounter();
        assertThat(hits.count()).isEqualTo(2);
        assertThat(misses.count()).isEqualTo(1);
        assertThat(meters.get("cache.size")
                        .tags("cache", SummaryCache.NAME)
                        .gauge()
                        .value())
                .isEqualTo(1);
    }

    @Test
    void replacing_an_entry_makes_no_room() {
        cache.put("a", new NotFound());
        cache.put("b", SUMMARY);
        cache.put("c", SUMMARY);

        cache.put("a", SUMMARY);

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("a")).isEqualTo(SUMMARY);
        assertThat(cache.get("b")).isEqualTo(SUMMARY);
    }

    @Test
    void drops_expired_entries_before_fresh_ones() {
        cache.put("old", SUMMARY);
        clock.advance(Duration.ofMinutes(4));
        cache.put("b", SUMMARY);
        cache.put("c", SUMMARY);
        clock.advance(Duration.ofMinutes(1));

        cache.put("d", SUMMARY);

        assertThat(cache.get("old")).isNull();
        assertThat(cache.get("b")).isEqualTo(SUMMARY);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void forgets_entries_after_their_time() {
        cache.put("trace", SUMMARY);

        clock.advance(Duration.ofMinutes(5).minusNanos(1));
        assertThat(cache.get("trace")).isEqualTo(SUMMARY);

        clock.advance(Duration.ofNanos(1));
        assertThat(cache.get("trace")).isNull();
    }
}
