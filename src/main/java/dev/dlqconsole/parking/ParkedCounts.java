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
 * The parking lot's counts per DLQ, and each DLQ's inflow of the day with its oldest waiting message,
 * shared for a few seconds: every open Overview polls them. One entry each; callers that ask while it
 * is being counted wait for that count instead of starting their own. Meters: {@code cache.*} tagged
 * {@code cache=parked-counts} and {@code cache=dlq-inflow}.
 */
@Component
class ParkedCounts {

    static final String NAME = "parked-counts";
    static final String INFLOW = "dlq-inflow";
    static final Duration FRESH_FOR = Duration.ofSeconds(5);
    private static final String ALL = "all";

    private final Cache<String, List<DlqParkingCount>> counts;
    private final Cache<String, List<DlqInflow>> inflow;

    ParkedCounts(Clock clock, MeterRegistry meters) {
        this.counts = oneEntry(clock, meters, NAME);
        this.inflow = oneEntry(clock, meters, INFLOW);
    }

    private static <T> Cache<String, T> oneEntry(Clock clock, MeterRegistry meters, String name) {
        Cache<String, T> cache = Caffeine.newBuilder()
                .maximumSize(1)
                .expireAfterWrite(FRESH_FOR)
                .ticker(() -> {
                    var now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, name);
        return cache;
    }

    /** Each DLQ's inflow of the last few seconds, or what {@code read} reads now. */
    List<DlqInflow> inflow(Supplier<List<DlqInflow>> read) {
        return inflow.get(ALL, key -> read.get());
    }

    /** The counts of the last few seconds, or those {@code count} makes now. */
    List<DlqParkingCount> get(Supplier<List<DlqParkingCount>> count) {
        return counts.get(ALL, key -> count.get());
    }
}
