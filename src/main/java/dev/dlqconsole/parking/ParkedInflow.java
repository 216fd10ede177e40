package dev.dlqconsole.parking;

import dev.dlqconsole.base.DatabaseProduct;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inflow rollup, {@code parked_inflow}: how many messages were parked per five minutes, per DLQ
 * and failure group (V16). The parker adds to it in the transaction of its insert; the charts read it.
 */
@Repository
class ParkedInflow {

    /** How long buckets stay: the charts show a day, a week leaves room for a look back. */
    static final Duration KEPT = Duration.ofDays(7);

    private static final String ADD = "UPDATE parked_inflow SET parked = parked + ? WHERE bucket_start = ?"
            + " AND connection_name = ? AND dlq_name = ? AND fingerprint = ?";

    private static final String INSERT = "INSERT INTO parked_inflow (parked, bucket_start, connection_name, dlq_name,"
            + " fingerprint) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String BUCKET = "TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'"
            + " + CAST(floor(extract(EPOCH FROM parked_at) / 300) * 300 AS BIGINT) * INTERVAL '1' SECOND";

    /** PostgreSQL's upsert: one statement per key takes each row's lock once, in the keys' order. */
    private static final String UPSERT = "INSERT INTO parked_inflow (parked, bucket_start, connection_name, dlq_name,"
            + " fingerprint) VALUES (?, ?, ?, ?, ?) ON CONFLICT (bucket_start, connection_name, dlq_name, fingerprint)"
            + " DO UPDATE SET parked = parked_inflow.parked + EXCLUDED.parked";

    private final JdbcTemplate jdbc;
    private final DatabaseProduct database;

    ParkedInflow(JdbcTemplate jdbc, DatabaseProduct database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    /**
     * Counts the newly parked messages, one row per (bucket, DLQ, group) of the batch. The same SQL on
     * H2 and PostgreSQL: add to the row, insert it where there was none, and add again where another
     * parker inserted it meanwhile, key by key in the keys' order; on PostgreSQL one upsert per key, in
     * that order. Three passes over all keys (add, insert the missing, add the raced) let two parkers
     * of one DLQ deadlock on both databases (ReplayBenchmark's parking with eight receivers, InflowIT):
     * a later pass's rows were taken after the earlier pass's, out of the keys' order.
     */
    void add(List<ParkedMessageDraft> parked) {
        var counts = new TreeMap<Key, Long>();
        parked.forEach(d -> counts.merge(
                new Key(Inflow.bucketOf(d.parkedAt()), d.connectionName(), d.dlqName(), d.fingerprint()),
                1L,
                Long::sum));
        if (database.postgres()) {
            write(UPSERT, counts, new ArrayList<>(counts.keySet()));
            return;
        }
        // H2: key by key in order, each row taken once (added to, else inserted, else added to after
        // another parker inserted it), so every transaction takes the rows in the same order.
        for (var key : counts.keySet()) {
            var one = List.of(key);
            if (!write(ADD, counts, one).isEmpty()
                    && !write(INSERT, counts, one).isEmpty()) {
                write(ADD, counts, one);
            }
        }
    }

    /** Runs the statement for each key; returns the keys it changed no row for. */
    private List<Key> write(String sql, Map<Key, Long> counts, List<Key> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        var changed = jdbc.batchUpdate(sql, keys, keys.size(), (ps, key) -> {
            ps.setLong(1, counts.get(key));
            ps.setTimestamp(2, Timestamp.from(key.bucket()));
            ps.setString(3, key.connection());
            ps.setString(4, key.dlq());
            ps.setString(5, key.fingerprint());
        });
        var flat = Arrays.stream(changed).flatMapToInt(Arrays::stream).toArray();
        var unchanged = new ArrayList<Key>();
        for (int i = 0; i < keys.size(); i++) {
            // SUCCESS_NO_INFO (-2) from a driver that batches: the row was written.
            if (i < flat.length && flat[i] == 0) {
                unchanged.add(keys.get(i));
            }
        }
        return unchanged;
    }

    /** The day's buckets from {@code from}, summed per whatever {@code by} makes of a row's key. */
    <K> Map<K, long[]> buckets(Instant from, Function<Key, K> by) {
        var result = new LinkedHashMap<K, long[]>();
        jdbc.query(
                "SELECT bucket_start, connection_name, dlq_name, fingerprint, parked FROM parked_inflow"
                        + " WHERE bucket_start >= ? AND bucket_start < ?",
                rs -> {
                    var bucket = rs.getTimestamp(1).toInstant();
                    var key = new Key(bucket, rs.getString(2), rs.getString(3), rs.getString(4));
                    var index = (int) (Duration.between(from, bucket).toSeconds() / Inflow.BUCKET.toSeconds());
                    result.computeIfAbsent(by.apply(key), k -> new long[Inflow.BUCKETS])[index] += rs.getLong(5);
                },
                Timestamp.from(from),
                Timestamp.from(from.plus(Inflow.BUCKET.multipliedBy(Inflow.BUCKETS))));
        return result;
    }

    /**
     * When the oldest message still parked in the DLQ came: the DLQ's index read from its oldest id up
     * (ids grow with parking time) to the first one parked, past the handled ones the purge has not yet
     * taken. No index of its own: every index costs the parker and each change of state.
     */
    @Nullable
    Instant oldestParked(String connection, String dlq) {
        return jdbc
                .query(
                        "SELECT m.parked_at FROM parked_message m JOIN message_state s ON s.message_id = m.id"
                                + " WHERE m.dlq_name = ? AND m.connection_name = ? AND s.status IN ('PARKED', 'REPLAYING')"
                                + " ORDER BY m.dlq_name, m.id LIMIT 1",
                        (rs, row) -> rs.getTimestamp(1).toInstant(),
                        dlq,
                        connection)
                .stream()
                .findFirst()
                .orElse(null);
    }

    /** The newest reason parked under the group, for a title; null when its messages came without one. */
    @Nullable
    String sampleReason(String fingerprint) {
        var reasons = jdbc.queryForList(
                "SELECT failure_reason FROM parked_message WHERE fingerprint = ? ORDER BY fingerprint, id DESC LIMIT 1",
                String.class,
                fingerprint);
        return reasons.isEmpty() ? null : reasons.getFirst();
    }

    /** Drops the buckets older than {@link #KEPT}; returns how many. */
    int purgeBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM parked_inflow WHERE bucket_start < ?", Timestamp.from(cutoff));
    }

    /**
     * Failure groups got new ids (the lot was masked again at start-up, which rewrote every row): the
     * buckets kept are counted again from the rows, since an old group may have split into several.
     */
    @EventListener
    @Transactional
    void failureGroupsRenamed(FailureGroupsRenamed renamed) {
        jdbc.update("DELETE FROM parked_inflow");
        jdbc.update("INSERT INTO parked_inflow (bucket_start, connection_name, dlq_name, fingerprint, parked)"
                + " SELECT bucket_start, connection_name, dlq_name, fingerprint, count(*) FROM (SELECT " + BUCKET
                + " AS bucket_start, connection_name, dlq_name, fingerprint FROM parked_message) parked"
                + " GROUP BY bucket_start, connection_name, dlq_name, fingerprint");
    }

    /** One row's key. */
    record Key(Instant bucket, String connection, String dlq, String fingerprint) implements Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::bucket)
                .thenComparing(Key::connection)
                .thenComparing(Key::dlq)
                .thenComparing(Key::fingerprint);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }
}
