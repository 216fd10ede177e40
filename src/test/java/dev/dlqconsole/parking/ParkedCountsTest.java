package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ParkedCountsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ParkedCounts counts = new ParkedCounts(clock, meters);
    private final AtomicInteger queries = new AtomicInteger();

    private final Supplier<List<DlqParkingCount>> query =
            () -> List.of(new DlqParkingCount("embedded", "orders-dlq", queries.incrementAndGet(), 0, 0));

    @Test
    void counts_are_shared_for_five_seconds_then_counted_again() {
        var first = counts.get(query);

        clock.advance(ParkedCounts.FRESH_FOR.minusNanos(1));
        assertThat(counts.get(query)).isEqualTo(first);

        clock.advance(Duration.ofNanos(1));
        assertThat(counts.get(query).getFirst().parked()).isEqualTo(2);
        assertThat(queries).hasValue(2);
    }

    @Test
    void hits_and_misses_are_counted_in_the_meter_registry() {
        counts.get(query);
        counts.get(query);
        counts.get(query);

        assertThat(gets("hit")).isEqualTo(2);
        assertThat(gets("miss")).isEqualTo(1);
    }

    private double gets(String result) {
        return meters.get("cache.gets")
                .tags("cache", ParkedCounts.NAME, "result", result)
                .functionCounter()
                .count();
    }
}
