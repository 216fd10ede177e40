package dev.dlqconsole.parking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The parking lot's counts per DLQ, shared for a few seconds: they are a GROUP BY over the whole lot,
 * and every open Overview polls them. One entry; callers that ask while it is being counted wait for
 * that count instead of starting their own. Meters: {@code cache.*} tagged {@code cache=parked-counts}.
 */
@Component
class ParkedCounts {

    static final String NAME = "parked-counts";
    static final Duration FRESH_FOR = Duration.ofSeconds(5);
    private static final String ALL = "all";

    private final Cache<String, List<DlqParkingCount>> counts;

    ParkedCounts(Clock clock, MeterRegistry meters) {
        this.counts = Caffeine.newBuilder()
                .maximumSize(1)
                .expireAfterWrite(FRESH_FOR)
                .ticker(() -> {
                    var now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, counts, NAME);
    }

    /** The counts of the last few seconds, or those {@code count} makes now. */
    List<DlqParkingCount> get(Supplier<List<DlqParkingCount>> count) {
        return counts.get(ALL, key -> count.get());
    }
}
