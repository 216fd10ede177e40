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
        // Each walk covers a range of ids fixed before it runs ([bound, upper)), and the next starts
        // where it ended: rows parked or purged meanwhile cannot make a page repeat or skip a match.
        var bound = lowestOfNewest(beforeId, walk);
        if (bound == null) {
            return List.of(); // no rows below beforeId
        }
        var found = new ArrayList<>(walk(like, bound, beforeId, limit));
        if (found.size() >= limit) {
            return found;
        }
        // A rare value (none in the walk) goes to the index at once. Some, not a page: the value's
        // density says how many more rows hold the rest of the page; a few thousand are walked (a
        // value in one message of a hundred, deep in its pages, where the index would recheck every
        // one of its matches); more than that, the index answers.
        if (!found.isEmpty()) {
            var rows = (long) Math.ceil((limit - found.size()) * (double) walk / found.size() * 2);
            if (rows <= further) {
                var next = lowestOfNewest(bound, (int) rows);
                if (next == null) {
                    return found; // every row was walked
                }
                found.addAll(walk(like, next, bound, limit - found.size()));
                if (found.size() >= limit) {
                    return found;
                }
                bound = next;
            }
        }
        found.addAll(indexed(like, bound, limit - found.size()));
        return found;
    }

    /** The matches with ids in [{@code from}, {@code upper}), newest first. */
    private List<Long> walk(String like, long from, @Nullable Long upper, int limit) {
        var range = " WHERE message_id >= " + from + (upper == null ? "" : " AND message_id < " + upper);
        // OFFSET 0 keeps the subquery a walk by id (PostgreSQL would otherwise weigh the trigram index).
        return jdbc.queryForList(
                "SELECT message_id FROM (SELECT message_id, search_text FROM parked_payload" + range
                        + " ORDER BY message_id DESC OFFSET 0) newest"
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
