package dev.dlqconsole.audit;

import dev.dlqconsole.audit.AuditEvent.Outcome;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failed logins, counted together so that a loop of bad attempts cannot grow the audit trail without
 * limit nor queue every audited action behind it for the chain's head. Per interval, the first failure
 * of each (source, user) is written at once and the rest as one event with their count when the
 * interval ends: at most two rows per pair. Past {@code max-tracked} pairs in an interval (made-up
 * names), failures are counted together under one actor, so memory and rows stay bounded too. The
 * counts live in each instance's memory; a crash loses at most one interval's counts, never the first
 * failure of a pair.
 */
@Component
class FailedLogins {

    private static final Logger log = LoggerFactory.getLogger(FailedLogins.class);
    static final String MANY = "(many user names)";

    private final AuditLog audit;
    private final Clock clock;
    private final int maxTracked;

    private Map<Pair, Tally> tallies = new LinkedHashMap<>();
    private Tally overflow = new Tally();

    FailedLogins(AuditLog audit, Clock clock, AuditProperties properties) {
        this.audit = audit;
        this.clock = clock;
        this.maxTracked = Math.max(1, properties.failedLogins().maxTracked());
    }

    /** One failed basic, bearer or form login; {@code user} as typed (or the token's placeholder name). */
    void failed(String source, String user, String reason) {
        var pair = new Pair(clip(source, 100), clip(user, 100));
        var now = clock.instant();
        boolean first;
        boolean firstOverflow = false;
        synchronized (this) {
            var tally = tallies.get(pair);
            first = tally == null && tallies.size() < maxTracked;
            if (first) {
                tallies.put(pair, new Tally());
            } else if (tally != null) {
                tally.add(now, reason);
            } else {
                firstOverflow = overflow.count == 0 && overflow.first == null;
                if (firstOverflow) {
                    overflow.first = now; // this one is written now; the ones after it are counted
                } else {
                    overflow.add(now, reason);
                }
            }
        }
        if (first) {
            write(user, reason + " (from " + pair.source() + ")");
        } else if (firstOverflow) {
            write(
                    MANY,
                    reason + " (from " + pair.source() + ", as " + pair.user() + "); more than " + maxTracked
                            + " sources and user names failed to log in this interval, the rest are counted together");
        }
    }

    /** Writes the counts of the interval that ends now, and starts the next one. */
    @Scheduled(
            fixedDelayString = "${dlq-console.audit.failed-logins.interval:1m}",
            initialDelayString = "${dlq-console.audit.failed-logins.interval:1m}")
    void flush() {
        Map<Pair, Tally> ended;
        Tally overflowed;
        synchronized (this) {
            ended = tallies;
            overflowed = overflow;
            tallies = new LinkedHashMap<>();
            overflow = new Tally();
        }
        ended.forEach((pair, tally) -> {
            if (tally.count > 0) {
                write(pair.user(), summary(tally, "from " + pair.source()));
            }
        });
        if (overflowed.count > 0) {
            write(MANY, summary(overflowed, "from sources and user names past the first " + maxTracked));
        }
    }

    @PreDestroy
    void flushOnStop() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not record the last failed-login counts: {}", e.toString());
        }
    }

    private void write(String user, String detail) {
        audit.recordSecurityEvent(AuditEntry.of("login", null, null).by(user).withOutcome(Outcome.DENIED, detail));
    }

    private static String summary(Tally tally, String where) {
        return String.format(
                "%,d more failed logins %s between %s and %s; the last: %s",
                tally.count,
                where,
                String.valueOf(tally.first).replaceAll("\\.\\d+Z$", "Z"),
                String.valueOf(tally.last).replaceAll("\\.\\d+Z$", "Z"),
                tally.lastReason);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private record Pair(String source, String user) {}

    private static final class Tally {
        long count;

        @Nullable
        Instant first;

        @Nullable
        Instant last;

        String lastReason = "";

        void add(Instant at, String reason) {
            count++;
            if (first == null) {
                first = at;
            }
            last = at;
            lastReason = reason;
        }
    }
}
