package dev.dlqconsole.tracing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Recent trace summaries, so a message page that re-renders, or a grid of messages from the same
 * trace, does not ask Jaeger again. Bounded in size, because trace ids come from untrusted messages,
 * and in time; its hits and misses are the {@code cache.*} meters tagged {@code cache=trace-summaries}.
 */
final class SummaryCache {

    static final String NAME = "trace-summaries";

    private final Cache<String, TraceSummaryResult> entries;

    SummaryCache(Clock clock, Duration timeToLive, int capacity, MeterRegistry meters) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(capacity)
                .expireAfterWrite(timeToLive)
                .ticker(() -> nanos(clock))
                // Evicts in the caller's thread: the bound holds when put returns, not a moment later.
                .executor(Runnable::run)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, entries, NAME);
    }

    @Nullable
    TraceSummaryResult get(String traceId) {
        return entries.getIfPresent(traceId);
    }

    void put(String traceId, TraceSummaryResult result) {
        entries.put(traceId, result);
    }

    int size() {
        entries.cleanUp();
        return Math.toIntExact(entries.estimatedSize());
    }

    private static long nanos(Clock clock) {
        var now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
