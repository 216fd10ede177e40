package dev.dlqconsole.sqs;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Whether a connection answered a {@code ListQueues} and how long it took; the error in words fit for
 * an admin's eyes, with the connection's secret key blanked out should the SDK ever echo it.
 */
public record ConnectionCheck(
        String connection, Duration took, @Nullable String error) {

    public boolean reachable() {
        return error == null;
    }
}
