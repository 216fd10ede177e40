package dev.dlqconsole.parking;

import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Text search over parked messages: a message matches a term when its search text (every string
 * attribute as {@code name=value}, then the whole body, in lower case) contains the term, lower-cased,
 * as a substring. PostgreSQL answers that in the query itself, from a trigram index ({@code pg_trgm});
 * H2 has no such index, so a trigram index of its own beside the database file answers it there
 * (docs/decisions/008). Both give the same answers; the tests run on both.
 */
interface MessageSearch {

    /** The shortest term an index can answer: one trigram. */
    int MIN_TERM = 3;

    /** True when the query's {@code LIKE} on {@code search_text} is the search (and index-backed). */
    boolean inDatabase();

    /** True when it keeps an index of its own that must hear of every new and purged message. */
    boolean keepsOwnIndex();

    /**
     * The ids of messages whose text contains the term, newest first, below {@code beforeId} when it is
     * given, at most {@code limit}. Only called when {@link #inDatabase()} is false.
     */
    List<Long> newestMatching(String term, @Nullable Long beforeId, int limit);

    /** How many messages contain the term, counted up to {@code cap}. Only when not {@link #inDatabase()}. */
    long count(String term, long cap);

    /** Newly parked messages, committed: their texts become searchable. */
    void add(List<Searchable> messages);

    /** Messages purged from the parking lot. */
    void remove(Collection<Long> ids);

    /** A message's id and the text search looks into. */
    record Searchable(long id, String text) {}
}
