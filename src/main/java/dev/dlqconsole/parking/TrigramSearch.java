package dev.dlqconsole.parking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Text search on PostgreSQL: the query's own {@code search_text LIKE '%term%'}, which PostgreSQL answers
 * from the trigram index ({@code pg_trgm}, GIN) that migration V11_1 creates. Nothing to keep up to
 * date beside the table.
 *
 * <p>A search by text alone ({@link #newestMatching}) reads the payloads by themselves, newest first,
 * in two ways, because PostgreSQL cannot know beforehand which one a term needs. A common value (in one
 * message of a hundred or more) is in the newest rows: walking the newest {@link #WALK} by id and
 * checking each finds a page at once. A rare one is not: the trigram index names its few messages in
 * milliseconds, where the joined query's plan walked every newer row first (at a million messages, a
 * value in one of them took 115 ms at the median against the index's 8 ms; SearchBenchmark). Between
 * the two, a value the walk found a few times but not a page of is walked on for as many rows as its
 * density says the page needs (up to {@link #FURTHER}), then the index takes the rest: the index
 * rechecks every match of a common value, 10,000 of them for a value in 1 % of a million.
 */
final class TrigramSearch implements MessageSearch {

    /** Newest payloads checked one by one before the trigram index is asked. */
    static final int WALK = 5_000;

    /** The most rows walked beyond the first {@link #WALK} before the index is asked instead. */
    static final int FURTHER = 20_000;

    private final JdbcTemplate jdbc;
    private final int walk;
    private final int further;

    TrigramSearch(JdbcTemplate jdbc) {
        this(jdbc, WALK, FURTHER);
    }

    /** With other walks: a test's handful of messages stands in for the newest thousands. */
    TrigramSearch(JdbcTemplate jdbc, int walk, int further) {
        this.jdbc = jdbc;
        this.walk = walk;
        this.further = further;
    }

    @Override
    public boolean inDatabase() {
        return true;
    }

    @Override
    public boolean keepsOwnIndex() {
        return false;
    }

    @Override
    public List<Long> newestMatching(String term, @Nullable Long beforeId, int limit) {
        var like = "%" + ParkingLot.escapeLike(term) + "%";
        var found = new ArrayList<>(walk(like, beforeId, walk, limit));
        if (found.size() >= limit || found.isEmpty()) {
            // A page in the newest rows, or a rare value (none there): the trigram index names it.
            return found.isEmpty() ? indexed(like, beforeId, limit) : found;
        }
        // Some, not a page: the value's density says how many more rows hold the rest of the page. A
        // few thousand more are walked (a value in one message of a hundred, deep in its pages, where
        // the index would recheck every one of its matches); more than that, the index answers.
        var lowest = lowestOfNewest(beforeId, walk);
        if (lowest == null) {
            return found; // every row was walked
        }
        var rows = (long) Math.ceil((limit - found.size()) * (double) walk / found.size() * 2);
        if (rows <= further) {
            var more = walk(like, lowest, (int) rows, limit - found.size());
            found.addAll(more);
            if (found.size() >= limit) {
                return found;
            }
            var walkedTo = lowestOfNewest(lowest, (int) rows);
            if (walkedTo == null) {
                return found;
            }
            lowest = walkedTo;
        }
        found.addAll(indexed(like, lowest, limit - found.size()));
        return found;
    }

    /** The matches among the {@code rows} newest payloads below {@code beforeId}, newest first. */
    private List<Long> walk(String like, @Nullable Long beforeId, int rows, int limit) {
        var below = beforeId == null ? "" : " WHERE message_id < " + beforeId;
        return jdbc.queryForList(
                "SELECT message_id FROM (SELECT message_id, search_text FROM parked_payload" + below
                        + " ORDER BY message_id DESC LIMIT " + rows + ") newest"
                        + " WHERE search_text LIKE ? ESCAPE '\\' ORDER BY message_id DESC LIMIT ?",
                Long.class,
                like,
                limit);
    }

    /** The lowest id of the {@code rows} newest payloads below {@code beforeId}; null when there are none. */
    private @Nullable Long lowestOfNewest(@Nullable Long beforeId, int rows) {
        var below = beforeId == null ? "" : " WHERE message_id < " + beforeId;
        return jdbc.queryForObject(
                "SELECT min(message_id) FROM (SELECT message_id FROM parked_payload" + below
                        + " ORDER BY message_id DESC LIMIT " + rows + ") newest",
                Long.class);
    }

    /** The newest matches below {@code beforeId}, by the trigram index. */
    private List<Long> indexed(String like, @Nullable Long beforeId, int limit) {
        var args = new ArrayList<Object>();
        args.add(like);
        if (beforeId != null) {
            args.add(beforeId);
        }
        args.add(limit);
        return jdbc.queryForList(
                "SELECT message_id FROM parked_payload WHERE search_text LIKE ? ESCAPE '\\'"
                        + (beforeId == null ? "" : " AND message_id < ?")
                        + " ORDER BY message_id DESC LIMIT ?",
                Long.class,
                args.toArray());
    }

    @Override
    public long count(String term, long cap) {
        var count = jdbc.queryForObject(
                "SELECT count(*) FROM (SELECT 1 FROM parked_payload WHERE search_text LIKE ? ESCAPE '\\' LIMIT ?) capped",
                Long.class,
                "%" + ParkingLot.escapeLike(term) + "%",
                cap);
        return count == null ? 0 : count;
    }

    @Override
    public void add(List<Searchable> messages) {}

    @Override
    public void remove(Collection<Long> ids) {}
}
