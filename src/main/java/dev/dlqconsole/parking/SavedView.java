package dev.dlqconsole.parking;

import java.time.Instant;

/**
 * A named Messages filter: {@code query} is the query string of the Messages view's URL (without the
 * {@code ?}), so opening the view opens exactly that filter. Private to its owner unless shared.
 */
public record SavedView(long id, String name, String owner, boolean shared, String query, Instant createdAt) {}
