package dev.dlqconsole.parking;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Who works a failure group and where it stands. {@code changedAt}/{@code changedBy} are null for a
 * group nobody has touched (it is new); {@code reopenedAt} is when a new message reopened a group
 * that was replayed or ignored. {@code version} guards against two people saving over each other.
 */
public record GroupWork(
        String fingerprint,
        GroupStatus status,
        @Nullable String owner,
        @Nullable String ticketUrl,
        @Nullable String notes,
        @Nullable Instant changedAt,
        @Nullable String changedBy,
        @Nullable Instant reopenedAt,
        int version) {

    public static GroupWork untouched(String fingerprint) {
        return new GroupWork(fingerprint, GroupStatus.NEW, null, null, null, null, null, null, -1);
    }

    /** What a person may set on a group; the rest the console keeps. */
    public record Change(
            GroupStatus status,
            @Nullable String owner,
            @Nullable String ticketUrl,
            @Nullable String notes) {}
}
