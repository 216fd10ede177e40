package dev.dlqconsole.notify;

import dev.dlqconsole.cluster.Lease;
import dev.dlqconsole.cluster.Leases;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox, on the one instance that holds the {@code notifications} lease. Each attempt is
 * marked SENDING (fenced by the lease) before its request and recorded after it; a row found SENDING
 * when the lease is taken over went out from an instance that died waiting, and is sent again flagged
 * as a possible duplicate. Failures wait, doubling, up to max-attempts; each target gets at most its
 * per-minute, the rest wait in the outbox (docs/decisions/016).
 */
@Component
class Deliverer {

    static final String LEASE = "notifications";

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final Outbox outbox;
    private final NotificationTargets targets;
    private final NotificationProperties properties;
    private final Leases leases;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Deque<Instant>> recentByTarget = new HashMap<>();
    private @Nullable Lease lease;
    private volatile boolean stopped;

    Deliverer(
            Outbox outbox,
            NotificationTargets targets,
            NotificationProperties properties,
            Leases leases,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.outbox = outbox;
        this.targets = targets;
        this.properties = properties;
        this.leases = leases;
        this.transaction = new TransactionTemplate(transactions);
        transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Scheduled(fixedDelayString = "${dlq-console.notifications.poll:1s}", initialDelay = 1_000)
    void scheduled() {
        if (properties.enabled()) {
            deliverDue();
        }
    }

    /** Sends what is due, if this instance holds (or can take) the lease; how many were sent. */
    synchronized int deliverDue() {
        if (stopped) {
            return 0;
        }
        try {
            var held = holdLease();
            if (held == null) {
                return 0;
            }
            int sent = 0;
            // A target over its rate is left out of the next look, so its backlog never holds up the others.
            var full = new java.util.HashSet<String>();
            for (int look = 0; look < 5 && held.isValid(); look++) {
                var due = outbox.due(clock.instant(), full, 100);
                for (var delivery : due) {
                    if (!held.isValid()) {
                        break;
                    }
                    if (full.contains(delivery.target())) {
                        continue;
                    }
                    switch (deliver(delivery, held)) {
                        case SENT -> sent++;
                        case OVER_RATE -> full.add(delivery.target());
                        case NOT_SENT -> {}
                    }
                }
                if (due.size() < 100) {
                    break;
                }
            }
            return sent;
        } catch (LeaseLost e) {
            log.info("Notifications: {}; the next holder sends the outbox", e.getMessage());
            lease = null;
            return 0;
        }
    }

    /** Hands the lease over at once (a graceful stop): another instance sends the outbox from now on. */
    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (lease != null) {
            lease.close();
            lease = null;
        }
    }

    /** Sends again after {@link #stop()} (tests stop the console's own sender to run instances of their own). */
    synchronized void resume() {
        stopped = false;
    }

    private @Nullable Lease holdLease() {
        if (lease != null && lease.isValid()) {
            return lease;
        }
        lease = leases.tryAcquire(LEASE).orElse(null);
        if (lease != null) {
            var current = lease;
            int recovered = fenced(current, () -> outbox.recoverSending(clock.instant()));
            if (recovered > 0) {
                log.warn(
                        "Notifications: {} deliveries were out when their sender stopped; sent again as possible duplicates",
                        recovered);
            }
        }
        return lease;
    }

    private enum Result {
        SENT,
        NOT_SENT,
        OVER_RATE
    }

    private Result deliver(Delivery delivery, Lease held) {
        var target = targets.named(delivery.target()).orElse(null);
        if (target == null) {
            fenced(held, () -> {
                outbox.notSent(
                        delivery.id(),
                        null,
                        "No target is named " + delivery.target() + " any more",
                        false,
                        null,
                        clock.instant());
                return 0;
            });
            return Result.NOT_SENT;
        }
        if (!withinRate(target)) {
            return Result.OVER_RATE; // waits in the outbox for the target's next minute
        }
        fenced(held, () -> {
            outbox.sending(delivery.id(), clock.instant());
            return 0;
        });
        int attempt = delivery.attempts() + 1;
        var body = Payloads.body(target.type(), delivery.event());
        var timestamp = Long.toString(clock.instant().getEpochSecond());
        var request = HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "DLQ-Console")
                .header(Payloads.EVENT_ID_HEADER, delivery.event().eventId())
                .header("X-DLQ-Console-Event", delivery.event().kind().wireName())
                .header("X-DLQ-Console-Delivery-Attempt", Integer.toString(attempt))
                .header("X-DLQ-Console-Possible-Duplicate", Boolean.toString(delivery.possibleDuplicate()))
                .header(Payloads.TIMESTAMP_HEADER, timestamp);
        if (target.secret() != null) {
            request.header(Payloads.SIGNATURE_HEADER, Payloads.signature(target.secret(), timestamp, body));
        }
        Integer status = null;
        String error;
        boolean unknown;
        try {
            var response = http.send(
                    request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            if (status / 100 == 2) {
                var code = status;
                fenced(held, () -> {
                    outbox.sent(delivery.id(), code, clock.instant());
                    return 0;
                });
                return Result.SENT;
            }
            // The receiver answered that it did not take it: sent again, and not a duplicate.
            var answer = response.body() == null ? "" : response.body().strip();
            error = "HTTP " + status
                    + (answer.isEmpty() ? "" : ": " + answer.substring(0, Math.min(200, answer.length())));
            unknown = false;
        } catch (ConnectException e) {
            error = "Could not connect: " + e;
            unknown = false;
        } catch (HttpTimeoutException e) {
            error = "No answer within " + properties.requestTimeout() + ": it may have arrived";
            unknown = true;
        } catch (IOException e) {
            error = "The request failed after it may have left: " + e;
            unknown = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "Interrupted while sending: it may have arrived";
            unknown = true;
        }
        var scrubbed = target.scrub(error);
        var next = attempt >= properties.maxAttempts() ? null : clock.instant().plus(properties.backoff(attempt));
        var code = status;
        var possibleDuplicate = unknown;
        fenced(held, () -> {
            outbox.notSent(delivery.id(), code, scrubbed, possibleDuplicate, next, clock.instant());
            return 0;
        });
        if (next == null) {
            log.warn(
                    "Notification {} to {} failed after {} attempts: {}",
                    delivery.event().eventId(),
                    target.name(),
                    attempt,
                    scrubbed);
        } else {
            log.info(
                    "Notification {} to {} not delivered (attempt {}), again at {}: {}",
                    delivery.event().eventId(),
                    target.name(),
                    attempt,
                    next,
                    scrubbed);
        }
        return Result.NOT_SENT;
    }

    /** Counts the request against the target's minute if there is room for it. */
    private boolean withinRate(NotificationTarget target) {
        var now = clock.instant();
        var recent = recentByTarget.computeIfAbsent(target.name(), name -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(Duration.ofMinutes(1)))) {
            recent.removeFirst();
        }
        if (recent.size() >= target.perMinute()) {
            return false;
        }
        recent.addLast(now);
        return true;
    }

    private <T> T fenced(Lease held, java.util.function.Supplier<T> work) {
        return transaction.execute(status -> {
            if (!leases.confirm(held)) {
                throw new LeaseLost(held);
            }
            return work.get();
        });
    }

    /** The lease is another instance's now: nothing was written, the next holder goes on. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(Lease lease) {
            super("lost the lease " + lease.name());
        }
    }
}
