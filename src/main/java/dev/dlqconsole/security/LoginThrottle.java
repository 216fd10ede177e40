package dev.dlqconsole.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Slows password guessing: after {@link #FAILURES} wrong passwords for one user from one address
 * within {@link #WINDOW}, that user's logins from that address are refused (as a locked account)
 * until {@link #PAUSE} after the last failure. Keyed by user and address together, so a stranger
 * guessing cannot lock an on-call engineer out of the console during an incident. The counts live in
 * each instance's memory: behind a sticky proxy a guesser mostly meets one instance.
 */
@Component
class LoginThrottle {

    static final int FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration PAUSE = Duration.ofMinutes(5);
    /** Bounds the memory a flood of made-up names can take. */
    private static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * The console's users, each seen as locked while its logins from the caller's address are paused:
     * the password is then not even checked, and the login fails as "User account is locked".
     */
    UserDetailsManager guarding(List<UserDetails> users) {
        return new InMemoryUserDetailsManager(users) {
            @Override
            public UserDetails loadUserByUsername(String username) {
                if (paused(username)) {
                    // Known or not, a paused name answers the same, without a password check: the
                    // answer tells nothing about which names exist.
                    return User.withUsername(username)
                            .password(UNUSABLE)
                            .accountLocked(true)
                            .build();
                }
                return super.loadUserByUsername(username);
            }
        };
    }

    boolean paused(String username) {
        var times = failures.get(key(username));
        if (times == null) {
            return false;
        }
        synchronized (times) {
            var now = clock.instant();
            return times.size() >= FAILURES && now.isBefore(times.peekLast().plus(PAUSE));
        }
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        if (failures.size() >= MAX_KEYS) {
            forgetOld();
        }
        var times = failures.computeIfAbsent(key(event.getAuthentication().getName()), k -> new ArrayDeque<>());
        synchronized (times) {
            var now = clock.instant();
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
                times.removeFirst();
            }
            times.addLast(now);
            while (times.size() > FAILURES) {
                times.removeFirst();
            }
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        failures.remove(key(event.getAuthentication().getName()));
    }

    private void forgetOld() {
        var cutoff = clock.instant().minus(WINDOW);
        failures.values().removeIf(times -> {
            synchronized (times) {
                return times.isEmpty() || times.peekLast().isBefore(cutoff);
            }
        });
        if (failures.size() >= MAX_KEYS) {
            // A flood of made-up names: forget the counts that pause nothing yet, keep the pauses.
            failures.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    return entry.getValue().size() < FAILURES;
                }
            });
        }
        if (failures.size() >= 10 * MAX_KEYS) {
            failures.clear(); // past all reason: better to forget than to run out of memory
        }
    }

    private static String key(String username) {
        var attributes = RequestContextHolder.getRequestAttributes();
        var address = attributes instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr()
                : "-";
        return String.valueOf(username).toLowerCase(Locale.ROOT) + " from " + address;
    }

    /** No password matches it: a locked account is refused before its password is looked at anyway. */
    private static final String UNUSABLE = "{noop}" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID();
}
