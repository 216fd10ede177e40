package dev.dlqconsole.notify;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which events go to a target: the event kinds, narrowed for DLQ events to the DLQs named (exact names,
 * or with {@code *} as a wildcard) and to the failure groups named (their ids); empty lists mean all.
 * Replay job events span DLQs and are not narrowed. The inflow threshold (messages parked within the
 * window) and the oldest age are this rule's own, checked once a {@code check-every}.
 */
public record NotificationRule(
        @Nullable Set<EventKind> events,
        @Nullable List<String> dlqs,
        @Nullable List<String> groups,
        @Nullable Integer inflowThreshold,
        @Nullable Duration inflowWindow,
        @Nullable Duration oldestAge) {

    public NotificationRule {
        events = events == null || events.isEmpty() ? Set.of() : Set.copyOf(events);
        dlqs = dlqs == null
                ? List.of()
                : dlqs.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        groups = groups == null
                ? List.of()
                : groups.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (inflowThreshold != null && inflowThreshold < 1) {
            throw new IllegalArgumentException("A rule's inflow-threshold must be at least 1, was " + inflowThreshold);
        }
        if (events.contains(EventKind.INFLOW_THRESHOLD) && inflowThreshold == null) {
            throw new IllegalArgumentException("A rule with the inflow-threshold event needs an inflow-threshold");
        }
        if (events.contains(EventKind.OLDEST_AGE) && oldestAge == null) {
            throw new IllegalArgumentException("A rule with the oldest-age event needs an oldest-age");
        }
    }

    /** The window the inflow is counted over: 15 minutes unless set, in whole five-minute buckets. */
    public Duration window() {
        return inflowWindow == null ? Duration.ofMinutes(15) : inflowWindow;
    }

    boolean matches(EventKind kind, @Nullable String dlq, @Nullable String fingerprint) {
        if (!events().contains(kind)) {
            return false;
        }
        if (!kind.aboutDlq()) {
            return true;
        }
        return coversDlq(dlq) && (groups().isEmpty() || (fingerprint != null && groups().contains(fingerprint)));
    }

    boolean coversDlq(@Nullable String dlq) {
        return dlqs().isEmpty() || (dlq != null && dlqs().stream().anyMatch(pattern -> glob(pattern, dlq)));
    }

    private static boolean glob(String pattern, String name) {
        var regex = new StringBuilder();
        for (var part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(java.util.regex.Pattern.quote(part));
        }
        return name.matches(regex.toString());
    }

    /** One line for the admin page. */
    public String describe() {
        var text = new StringBuilder(events().stream()
                .map(EventKind::wireName)
                .sorted()
                .reduce((a, b) -> a + ", " + b)
                .orElse("no events"));
        if (!dlqs().isEmpty()) {
            text.append(" · DLQs ").append(String.join(", ", dlqs()));
        }
        if (!groups().isEmpty()) {
            text.append(" · groups ").append(String.join(", ", groups()));
        }
        if (inflowThreshold != null) {
            text.append(
                    String.format(Locale.ROOT, " · inflow ≥ %,d per %d min", inflowThreshold, window().toMinutes()));
        }
        if (oldestAge != null) {
            text.append(" · oldest older than ")
                    .append(oldestAge.toString().substring(2).toLowerCase(Locale.ROOT));
        }
        return text.toString();
    }
}
