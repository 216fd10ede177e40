package dev.dlqconsole.base.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** How the console writes times and sizes: UTC, as incident channels and logs do. */
public final class Formats {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT =
            DateTimeFormatter.ofPattern("MMM d, HH:mm:ss").withZone(ZoneOffset.UTC);

    private Formats() {}

    public static String time(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String shortTime(@Nullable Instant instant) {
        return instant == null ? "" : SHORT.format(instant);
    }

    public static String ago(Instant instant, Instant now) {
        var elapsed = Duration.between(instant, now);
        if (elapsed.isNegative() || elapsed.toSeconds() < 60) {
            return "just now";
        }
        if (elapsed.toMinutes() < 60) {
            return elapsed.toMinutes() + " min ago";
        }
        if (elapsed.toHours() < 48) {
            return elapsed.toHours() + " h ago";
        }
        return elapsed.toDays() + " days ago";
    }

    /** "45 s", "12 min", "3 h 20 min": how long something will take, for people. */
    public static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3_600) {
            return (seconds + 30) / 60 + " min";
        }
        return seconds / 3_600 + " h " + (seconds % 3_600) / 60 + " min";
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.2f MiB", bytes / (1024.0 * 1024));
    }
}
