package dev.dlqconsole.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Slows password guessing, counted in the database so every instance of a cluster sees the same counts
 * (ADR 011). Two limits:
 *
 * <ul>
 *   <li>per user and client address: after {@code address-failures} wrong passwords within {@code
 *       window}, that user's logins from that address are refused (as a locked account) until {@code
 *       address-pause} after the last failure. A stranger guessing pauses only their own address;
 *   <li>per user across all addresses: from {@code user-failures} failures within {@code window}, each
 *       login of that user waits before its password is checked, {@code user-delay} doubling with each
 *       further failure up to {@code user-max-delay}. A delay, not a refusal: the right password still
 *       gets in, so no one can lock a person out by guessing from many addresses.
 * </ul>
 *
 * The client address is the request's remote address, which Tomcat takes from {@code X-Forwarded-For}
 * only when the connection comes from a configured trusted proxy ({@link TrustedProxies}).
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final String AGO = "CURRENT_TIMESTAMP - CAST(? AS DOUBLE PRECISION) * INTERVAL '1' SECOND";
    /** Rows a full table gives up at once to make room for a new count. */
    private static final int EVICT = 100;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final SecurityProperties.LoginThrottle limits;

    LoginThrottle(JdbcTemplate jdbc, PlatformTransactionManager transactions, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.limits = properties.loginThrottle();
        // Counts commit at once, whatever the login around them does.
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The console's users, each seen as locked while its logins from the caller's address are paused
     * (the password is then not even checked, and the login fails as "User account is locked"), and
     * held for a while before the password check while the user's logins from everywhere fail too often.
     */
    UserDetailsManager guarding(List<UserDetails> users) {
        return new InMemoryUserDetailsManager(users) {
            @Override
            public UserDetails loadUserByUsername(String username) {
                var state = state(username, clientAddress());
                if (state.paused()) {
                    // Known or not, a paused name answers the same, without a password check: the
                    // answer tells nothing about which names exist.
                    return User.withUsername(username)
                            .password(UNUSABLE)
                            .accountLocked(true)
                            .build();
                }
                hold(state.delay());
                return super.loadUserByUsername(username);
            }
        };
    }

    /** Whether the user's logins from this address are paused, and how long its logins wait. */
    State state(String username, String address) {
        try {
            var rows = jdbc.queryForList(
                    "SELECT throttle_key, failures,"
                            + " CASE WHEN last_at > " + AGO + " THEN 1 ELSE 0 END AS pausing,"
                            + " CASE WHEN first_at > " + AGO + " THEN 1 ELSE 0 END AS current_window"
                            + " FROM login_failure WHERE throttle_key IN (?, ?)",
                    seconds(limits.addressPause()),
                    seconds(limits.window()),
                    addressKey(username, address),
                    userKey(username));
            boolean paused = false;
            var delay = Duration.ZERO;
            for (var row : rows) {
                int failures = ((Number) row.get("failures")).intValue();
                boolean pausing = ((Number) row.get("pausing")).intValue() == 1;
                boolean current = ((Number) row.get("current_window")).intValue() == 1;
                if (row.get("throttle_key").toString().equals(addressKey(username, address))) {
                    paused = pausing && failures >= limits.addressFailures();
                } else if (current && failures >= limits.userFailures()) {
                    delay = limits.delayAfter(failures);
                }
            }
            return new State(paused, delay);
        } catch (DataAccessException e) {
            // Without its database the console cannot do much; a login should still say why it failed.
            log.warn("Could not read the login counts: {}", e.toString());
            return new State(false, Duration.ZERO);
        }
    }

    record State(boolean paused, Duration delay) {}

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        var name = event.getAuthentication().getName();
        count(addressKey(name, clientAddress()));
        count(userKey(name));
    }

    /** A right password clears its address's count; the user's count across addresses runs out with its window. */
    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        var key = addressKey(event.getAuthentication().getName(), clientAddress());
        try {
            ownTransaction.executeWithoutResult(
                    status -> jdbc.update("DELETE FROM login_failure WHERE throttle_key = ?", key));
        } catch (DataAccessException e) {
            log.warn("Could not clear a login count: {}", e.toString());
        }
    }

    /** Forgets counts that neither pause nor delay anything any more. */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
    void forgetOld() {
        var longest = limits.window().compareTo(limits.addressPause()) > 0 ? limits.window() : limits.addressPause();
        try {
            jdbc.update("DELETE FROM login_failure WHERE last_at < " + AGO, seconds(longest));
        } catch (DataAccessException e) {
            log.warn("Could not forget old login counts: {}", e.toString());
        }
    }

    private void count(String key) {
        try {
            ownTransaction.executeWithoutResult(status -> {
                if (increment(key) == 0 && insert(key) == 0) {
                    // Full: a flood of made-up names or addresses. Give up the oldest counts that pause
                    // nothing (a pause stays), then try once more; the table never passes max-entries.
                    jdbc.update(
                            "DELETE FROM login_failure WHERE throttle_key IN (SELECT throttle_key FROM login_failure"
                                    + " WHERE failures < ? ORDER BY last_at FETCH FIRST " + EVICT + " ROWS ONLY)",
                            limits.addressFailures());
                    insert(key);
                }
            });
        } catch (DuplicateKeyException e) {
            // Another instance counted the first failure of this key at the same moment.
            ownTransaction.executeWithoutResult(status -> increment(key));
        } catch (DataAccessException e) {
            log.warn("Could not count a failed login: {}", e.toString());
        }
    }

    private int increment(String key) {
        double window = seconds(limits.window());
        return jdbc.update(
                "UPDATE login_failure SET"
                        + " failures = CASE WHEN first_at > " + AGO + " THEN failures + 1 ELSE 1 END,"
                        + " first_at = CASE WHEN first_at > " + AGO + " THEN first_at ELSE CURRENT_TIMESTAMP END,"
                        + " last_at = CURRENT_TIMESTAMP WHERE throttle_key = ?",
                window,
                window,
                key);
    }

    private int insert(String key) {
        return jdbc.update(
                "INSERT INTO login_failure (throttle_key, failures, first_at, last_at)"
                        + " SELECT CAST(? AS CHAR(64)), 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP"
                        + " FROM (VALUES (1)) AS one (x) WHERE (SELECT COUNT(*) FROM login_failure) < ?",
                key,
                limits.maxEntries());
    }

    private static void hold(Duration delay) {
        if (delay.isPositive()) {
            try {
                // A virtual thread per request: holding one costs no platform thread.
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String clientAddress() {
        var attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr()
                : "-";
    }

    private static String addressKey(String username, String address) {
        // Prefixed, so that no name can be made to hash like another user's address key.
        return sha256("address:" + normal(username) + "\n" + address);
    }

    private static String userKey(String username) {
        return sha256("user:" + normal(username));
    }

    private static String normal(String username) {
        return String.valueOf(username).toLowerCase(Locale.ROOT);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** No password matches it: a locked account is refused before its password is looked at anyway. */
    private static final String UNUSABLE = "{noop}" + UUID.randomUUID() + UUID.randomUUID();
}
