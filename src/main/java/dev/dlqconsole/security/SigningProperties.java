package dev.dlqconsole.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's secret for what it signs or keys: failure group ids and replay ids. {@code key}
 * (at least 32 characters) is for a cluster that wants it in its secret store; unset, the first
 * instance to start generates one and keeps it in the database ({@code console_key}), where every
 * instance finds it. Changing it re-keys the parking lot at the next start (new group ids), and the
 * copies of earlier replays no longer count as replays when they come back. See ADR 010.
 */
@ConfigurationProperties("dlq-console.signing")
public record SigningProperties(@Nullable String key) {}
