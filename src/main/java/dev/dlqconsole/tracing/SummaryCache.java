package dev.dlqconsole.tracing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Recent trace summaries, so a message page that re-renders, or a grid of messages from the same
 * trace, does not ask Jaeger again. Bounded, because trace ids come from untrusted messages.
 */
final class SummaryCache {

    private record Entry(TraceSummaryResult result, Instant storedAt) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration timeToLive;
    private final int capacity;

    SummaryCache(Clock clock, Duration timeToLive, int capacity) {
        this.clock = clock;
        this.timeToLive = timeToLive;
        this.capacity = capacity;
    }

    @Nullable
    TraceSummaryResult get(String traceId) {
        var entry = entries.get(traceId);
        if (entry == null) {
            return null;
        }
        if (expired(entry, clock.instant())) {
            entries.remove(traceId, entry);
            return null;
        }
        return entry.result();
    }

    synchronized void put(String traceId, TraceSummaryResult result) {
        if (!entries.containsKey(traceId) && entries.size() >= capacity) {
            makeRoom();
        }
        entries.put(traceId, new Entry(result, clock.instant()));
    }

    int size() {
        return entries.size();
    }

    private void makeRoom() {
        var now = clock.instant();
        entries.values().removeIf(entry -> expired(entry, now));
        if (entries.size() >= capacity) {
            entries.entrySet().stream()
                    .min(Comparator.comparing(
                            (Map.Entry<String, Entry> entry) -> entry.getValue().storedAt()))
                    .ifPresent(oldest -> entries.remove(oldest.getKey(), oldest.getValue()));
        }
    }

    private boolean expired(Entry entry, Instant now) {
        return !entry.storedAt().plus(timeToLive).isAfter(now);
    }
}
