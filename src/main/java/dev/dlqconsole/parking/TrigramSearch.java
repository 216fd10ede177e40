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
 * value in one of them took 115 ms at the median against the index's 8 ms; SearchBenchmark).
 */
final class TrigramSearch implements MessageSearch {

    /** Newest payloads checked one by one before the trigram index is asked. */
    static final int WALK = 5_000;

    private final JdbcTemplate jdbc;
    private final int walk;

    TrigramSearch(JdbcTemplate jdbc) {
        this(jdbc, WALK);
    }

    /** With another walk: a test's handful of messages stands in for the newest thousands. */
    TrigramSearch(JdbcTemplate jdbc, int walk) {
        this.jdbc = jdbc;
        this.walk = walk;
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
        var below = beforeId == null ? "" : " WHERE message_id < " + beforeId;
        var recent = jdbc.queryForList(
                "SELECT message_id FROM (SELECT message_id, search_text FROM parked_payload" + below
                        + " ORDER BY message_id DESC LIMIT " + walk + ") newest"
                        + " WHERE search_text LIKE ? ESCAPE '\\' ORDER BY message_id DESC LIMIT ?",
                Long.class,
                like,
                limit);
        if (recent.size() >= limit) {
            return recent;
        }
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
