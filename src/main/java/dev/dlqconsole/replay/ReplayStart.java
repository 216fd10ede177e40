package dev.dlqconsole.replay;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * When a job starts (docs/decisions/019): at once, at {@code at}, or once {@code healthUrl} answered
 * 2xx {@code healthyTimes} times in a row, giving up at {@code deadline}. {@code streak} and {@code
 * lastCheck} are what the checks saw so far.
 */
public record ReplayStart(
        @Nullable Instant at,
        @Nullable String healthUrl,
        int healthyTimes,
        @Nullable Instant deadline,
        int streak,
        @Nullable String lastCheck) {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("MMM d, HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    static final ReplayStart NOW = new ReplayStart(null, null, 0, null, 0, null);

    public boolean scheduled() {
        return at != null;
    }

    public boolean conditional() {
        return healthUrl != null;
    }

    /** The health URL's host (and port), what people see of it: its path and query may hold a token. */
    public @Nullable String healthHost() {
        if (healthUrl == null) {
            return null;
        }
        var uri = URI.create(healthUrl);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** "Scheduled for …", "Waiting for host (2 of 3 OK)", or null for a job that started at once. */
    public @Nullable String describe() {
        if (at != null) {
            return "Scheduled for " + WHEN.format(at);
        }
        if (healthUrl != null) {
            return "Waiting for " + healthHost() + " (" + streak + " of " + healthyTimes + " OK)";
        }
        return null;
    }
}
