package dev.dlqconsole.parking;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The parking lot's SQL, the only code that reads and writes {@code parked_message}: batch inserts
 * that turn a redelivered message into a no-op (each new row gets its {@code message_state} row in
 * the same transaction), the keyset-paged, index-backed queries the views run, and the two reads of a
 * message: its summary (no body) and, for its page, the whole of it. Changes of state are {@link
 * MessageStates}'; see docs/decisions/007.
 */
@Repository
class ParkingLot {

    private static final String INSERT = """
            INSERT INTO parked_message (connection_name, dlq_name, sqs_message_id, source_queue, parked_at,
                sent_at, receive_count, failure_reason, failure_type, fingerprint, trace_id, trace_format,
                trace_header, trace_raw, body_sha256, body_size, body_preview, group_id, deduplication_id,
                sequence_number, came_back_replay_id, replay_generation, masked_with)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """;

    private static final String INSERT_PAYLOAD = """
            INSERT INTO parked_payload (message_id, body, attributes_json, system_json, search_text,
                shown_attributes_json)
            VALUES (?, ?, ?, ?, ?, ?)
            """;

    private static final String ROW_COLUMNS = "m.id, m.connection_name, m.dlq_name, m.source_queue, s.status,"
            + " m.parked_at, m.receive_count, m.failure_reason, m.fingerprint, m.trace_id, m.body_preview, m.body_size";

    static final String SUMMARY_COLUMNS = "m.id, m.connection_name, m.dlq_name, m.sqs_message_id, m.source_queue,"
            + " s.status, m.parked_at, m.sent_at, m.receive_count, m.failure_type, m.fingerprint, m.trace_id,"
            + " m.trace_format, m.trace_header, m.trace_raw, m.body_sha256, m.body_size, m.group_id,"
            + " m.deduplication_id, m.sequence_number, m.came_back_replay_id, m.replay_generation, s.job_id,"
            + " s.replay_count, s.uncertain_replay_id, s.handled_at, s.handled_by, s.handled_reason";

    static final String JOINED = " FROM parked_message m JOIN message_state s ON s.message_id = m.id";

    private final JdbcTemplate jdbc;
    private final MessageSearch search;
    private final ParkedInflow inflow;
    private final NewFailureGroups newGroups;

    ParkingLot(JdbcTemplate jdbc, MessageSearch search, ParkedInflow inflow, NewFailureGroups newGroups) {
        this.jdbc = jdbc;
        this.search = search;
        this.inflow = inflow;
        this.newGroups = newGroups;
    }

    /** Inserts the batch; a message already parked is skipped. Returns how many rows are new. */
    int insert(List<ParkedMessageDraft> drafts) {
        int fresh = 0;
        for (var inserted : insertEach(drafts)) {
            fresh += inserted ? 1 : 0;
        }
        return fresh;
    }

    /**
     * Inserts the batch, and a PARKED state row for each new message; for each draft, whether it was
     * new (false: that message was parked before). Call it in the transaction that must hold both.
     */
    boolean[] insertEach(List<ParkedMessageDraft> drafts) {
        var counts = jdbc.batchUpdate(INSERT, drafts, Math.max(1, drafts.size()), ParkingLot::bind);
        var flat = Arrays.stream(counts).flatMapToInt(Arrays::stream).toArray();
        var inserted = new boolean[drafts.size()];
        for (int i = 0; i < inserted.length; i++) {
            // Some drivers answer SUCCESS_NO_INFO (-2) for batched rows; those rows were written.
            inserted[i] = i >= flat.length || flat[i] != 0;
        }
        // The new rows' ids, to hang their payload and state rows on.
        var byDlq = new LinkedHashMap<List<String>, java.util.Map<String, ParkedMessageDraft>>();
        for (int i = 0; i < drafts.size(); i++) {
            var d = drafts.get(i);
            if (inserted[i]) {
                byDlq.computeIfAbsent(List.of(d.connectionName(), d.dlqName()), k -> new java.util.HashMap<>())
                        .put(d.sqsMessageId(), d);
            }
        }
        var fresh = new ArrayList<java.util.Map.Entry<Long, ParkedMessageDraft>>();
        byDlq.forEach((dlq, byMessageId) -> {
            var args = new ArrayList<Object>();
            byMessageId.keySet().forEach(messageId -> {
                args.addAll(dlq);
                args.add(messageId);
            });
            // One exact lookup of the whole key per message. With "sqs_message_id IN (…)" (or row
            // values) beside equal connection and DLQ, H2 always, and PostgreSQL with a young table's
            // statistics, walk the unique index over every row of the DLQ: each batch took longer than
            // the last. Equality on every column of a unique index is planned as one probe by both.
            var lookup = "SELECT id, sqs_message_id FROM parked_message m WHERE connection_name = ? AND dlq_name = ?"
                    + " AND sqs_message_id = ? AND NOT EXISTS (SELECT 1 FROM message_state s WHERE s.message_id = m.id)";
            jdbc.query(
                    String.join(" UNION ALL ", java.util.Collections.nCopies(byMessageId.size(), lookup)),
                    rs -> {
                        fresh.add(java.util.Map.entry(rs.getLong(1), byMessageId.get(rs.getString(2))));
                    },
                    args.toArray());
        });
        jdbc.batchUpdate(INSERT_PAYLOAD, fresh, Math.max(1, fresh.size()), (ps, e) -> {
            var d = e.getValue();
            ps.setLong(1, e.getKey());
            ps.setBytes(2, d.body());
            ps.setString(3, d.attributesJson());
            ps.setString(4, d.systemJson());
            ps.setString(5, d.searchText());
            ps.setString(6, d.shownAttributesJson());
        });
        jdbc.batchUpdate(
                "INSERT INTO message_state (message_id, connection_name, dlq_name, status) VALUES (?, ?, ?, 'PARKED')",
                fresh,
                Math.max(1, fresh.size()),
                (ps, e) -> {
                    ps.setLong(1, e.getKey());
                    ps.setString(2, e.getValue().connectionName());
                    ps.setString(3, e.getValue().dlqName());
                });
        if (search.keepsOwnIndex() && !fresh.isEmpty()) {
            var searchable = fresh.stream()
                    .map(e -> new MessageSearch.Searchable(
                            e.getKey(), e.getValue().searchText()))
                    .toList();
            afterCommit(() -> search.add(searchable));
        }
        newGroups.parked(fresh.stream().map(java.util.Map.Entry::getValue).toList());
        // Last, so the rollup's rows, which parkers of one DLQ share, stay locked only until the commit.
        inflow.add(fresh.stream().map(java.util.Map.Entry::getValue).toList());
        return inserted;
    }

    /**
     * Ids written into the statement as numbers, not bound one by one: H2 checks a list of bound
     * parameters value by value for each row (a list of a thousand, a thousand comparisons a row),
     * and looks literal constants up in a hash. Numbers only, so nothing can be injected.
     */
    static String literals(java.util.Collection<Long> ids) {
        var list = new StringBuilder(ids.size() * 8);
        for (var id : ids) {
            list.append(list.isEmpty() ? "" : ",").append(id.longValue());
        }
        return list.toString();
    }

    /** The same for hex digests and replay ids; anything else is refused. */
    static String hexLiterals(java.util.Collection<String> values) {
        var list = new StringBuilder(values.size() * 68);
        for (var value : values) {
            if (!HEX.matcher(value).matches()) {
                throw new IllegalArgumentException("not a hex digest: " + value);
            }
            list.append(list.isEmpty() ? "'" : ",'").append(value).append('\'');
        }
        return list.toString();
    }

    private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("[0-9a-f]{1,128}");

    private static void afterCommit(Runnable action) {
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        action.run();
                    }
                });
    }

    /** The message without its body, or empty when there is none with this id. */
    java.util.Optional<ParkedSummary> summary(long id) {
        return jdbc.query("SELECT " + SUMMARY_COLUMNS + JOINED + " WHERE m.id = ?", ParkingLot::summary, id).stream()
                .findFirst();
    }

    /** The whole message, for its page. */
    java.util.Optional<StoredMessage> stored(long id) {
        return jdbc
                .query(
                        "SELECT " + SUMMARY_COLUMNS + ", m.failure_reason, p.body, p.attributes_json,"
                                + " p.shown_attributes_json, p.system_json"
                                + JOINED + " JOIN parked_payload p ON p.message_id = m.id WHERE m.id = ?",
                        ParkingLot::stored,
                        id)
                .stream()
                .findFirst();
    }

    /** These messages whole, newest first: a page of an export. */
    List<StoredMessage> stored(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        return jdbc.query(
                "SELECT " + SUMMARY_COLUMNS + ", m.failure_reason, p.body, p.attributes_json,"
                        + " p.shown_attributes_json, p.system_json"
                        + JOINED + " JOIN parked_payload p ON p.message_id = m.id WHERE m.id IN (" + marks + ")"
                        + " ORDER BY m.id DESC",
                ParkingLot::stored,
                ids.toArray());
    }

    private static StoredMessage stored(ResultSet rs, int row) throws SQLException {
        return new StoredMessage(
                summary(rs, row),
                rs.getString("failure_reason"),
                rs.getBytes("body"),
                rs.getString("attributes_json"),
                rs.getString("shown_attributes_json"),
                rs.getString("system_json"));
    }

    /** Newest first, {@code limit} rows with an id below {@code beforeId} (the keyset). */
    List<MessageRow> page(MessageFilter filter, @Nullable Long beforeId, int limit) {
        if (byIndex(filter)) {
            return rows(indexedIds(filter, beforeId, limit));
        }
        var where = new Where(filter);
        if (beforeId != null) {
            where.add("m.id < ?", beforeId);
        }
        var sql = "SELECT " + ROW_COLUMNS + JOINED + where.sql() + where.orderBy() + " LIMIT ?";
        where.args.add(limit);
        return jdbc.query(sql, ParkingLot::row, where.args.toArray());
    }

    /** For jumps far down the grid, where no keyset is at hand. */
    List<MessageRow> pageAt(MessageFilter filter, long offset, int limit) {
        if (byIndex(filter)) {
            var ids = indexedIds(filter, null, (int) Math.min(Integer.MAX_VALUE, offset + limit));
            return offset >= ids.size() ? List.of() : rows(ids.subList((int) offset, ids.size()));
        }
        var where = new Where(filter);
        var sql = "SELECT " + ROW_COLUMNS + JOINED + where.sql() + where.orderBy() + " LIMIT ? OFFSET ?";
        where.args.add(limit);
        where.args.add(offset);
        return jdbc.query(sql, ParkingLot::row, where.args.toArray());
    }

    List<Long> ids(MessageFilter filter, int limit) {
        if (byIndex(filter)) {
            return indexedIds(filter, null, limit);
        }
        var where = new Where(filter);
        where.args.add(limit);
        return jdbc.queryForList(
                "SELECT m.id" + where.from() + where.sql() + where.orderBy() + " LIMIT ?",
                Long.class,
                where.args.toArray());
    }

    /** Counts up to {@code cap}, so a count over a huge selection stays cheap. */
    long count(MessageFilter filter, long cap) {
        if (byIndex(filter)) {
            return filter.withText(null).equals(MessageFilter.ALL)
                    ? search.count(filter.text(), cap)
                    : indexedIds(filter, null, (int) Math.min(Integer.MAX_VALUE, cap))
                            .size();
        }
        var where = new Where(filter);
        where.args.add(cap);
        var count = jdbc.queryForObject(
                "SELECT count(*) FROM (SELECT 1" + where.from() + where.sql() + " LIMIT ?) capped",
                Long.class,
                where.args.toArray());
        return count == null ? 0 : count;
    }

    /**
     * For a filter whose text the search index answers (H2), the matching ids, newest first; null
     * when the query itself can select by the filter (then use {@link #select}).
     */
    @Nullable
    List<Long> idsWithoutQuery(MessageFilter filter, int limit) {
        return byIndex(filter) ? indexedIds(filter, null, limit) : null;
    }

    /** The columns ({@code m.} parked_message, {@code s.} message_state) of up to {@code limit} rows matching the filter, in no order. */
    void select(String columns, MessageFilter filter, int limit, org.springframework.jdbc.core.RowCallbackHandler row) {
        var where = new Where(filter);
        where.args.add(limit);
        jdbc.query("SELECT " + columns + JOINED + where.sql() + " LIMIT ?", row, where.args.toArray());
    }

    /**
     * Whether the search answers the filter's text before the query reads the rest: always on H2 (its
     * own index), and on PostgreSQL for a search by text alone ({@link TrigramSearch}); with other
     * filters there, the query's own plan (by DLQ, group, time) checks the text row by row.
     */
    private boolean byIndex(MessageFilter filter) {
        return filter.text() != null
                && (!search.inDatabase() || filter.withText(null).equals(MessageFilter.ALL));
    }

    /**
     * Ids matching the filter, newest first: the search index names the messages with the text, in
     * growing batches, and the query keeps those that match the rest of the filter.
     */
    private List<Long> indexedIds(MessageFilter filter, @Nullable Long beforeId, int wanted) {
        var rest = filter.withText(null);
        var unfiltered = rest.equals(MessageFilter.ALL);
        var ids = new ArrayList<Long>();
        var cursor = beforeId;
        // With nothing else to filter by, every candidate is kept: ask for just the page.
        var batch = unfiltered ? wanted : Math.clamp(wanted * 2L, 200, 5_000);
        while (ids.size() < wanted) {
            var candidates = search.newestMatching(filter.text(), cursor, batch);
            if (candidates.isEmpty()) {
                break;
            }
            var kept = unfiltered ? candidates : matching(rest, candidates);
            ids.addAll(kept.subList(0, Math.min(kept.size(), wanted - ids.size())));
            if (candidates.size() < batch) {
                break;
            }
            cursor = candidates.getLast();
            batch = Math.min(batch * 2, 20_000);
        }
        return ids;
    }

    /** Of these ids, newest first, those that match the filter (which has no text). */
    private List<Long> matching(MessageFilter filter, List<Long> ids) {
        var kept = new ArrayList<Long>();
        for (int from = 0; from < ids.size(); from += 1_000) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + 1_000));
            var where = new Where(filter);
            where.in(chunk);
            kept.addAll(jdbc.queryForList(
                    "SELECT m.id" + where.from() + where.sql() + " ORDER BY m.id DESC",
                    Long.class,
                    where.args.toArray()));
        }
        return kept;
    }

    private List<MessageRow> rows(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var where = new Where(MessageFilter.ALL);
        where.in(ids);
        return jdbc.query(
                "SELECT " + ROW_COLUMNS + JOINED + where.sql() + " ORDER BY m.id DESC",
                ParkingLot::row,
                where.args.toArray());
    }

    List<FailureGroup> groups(@Nullable ParkedStatus status) {
        var filter = status == null ? " FROM parked_message m" : JOINED + " WHERE s.status = ?";
        var args = status == null ? new Object[0] : new Object[] {status.name()};
        return groups(filter, args);
    }

    /**
     * The newest reason of each group (its title comes from it): one step down ix_parked_fingerprint
     * per group, however many messages it holds.
     */
    Map<String, String> latestReasons(Collection<String> fingerprints) {
        var reasons = new LinkedHashMap<String, String>();
        for (var fingerprint : fingerprints) {
            // A message may have no reason at all (null): its group still has a title.
            var newest = jdbc.query(
                    "SELECT failure_reason FROM parked_message WHERE fingerprint = ?"
                            + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                    (rs, row) -> Optional.ofNullable(rs.getString(1)),
                    fingerprint);
            if (!newest.isEmpty()) {
                reasons.put(fingerprint, newest.getFirst().orElse(FailureFingerprint.NO_REASON));
            }
        }
        return reasons;
    }

    /** One group, whatever its messages' status; empty when no message has the id. */
    Optional<FailureGroup> group(String fingerprint) {
        return groups(" FROM parked_message m WHERE m.fingerprint = ?", new Object[] {fingerprint}).stream()
                .findFirst();
    }

    private List<FailureGroup> groups(String filter, Object[] args) {
        var groups = new LinkedHashMap<String, GroupBuilder>();
        jdbc.query(
                "SELECT m.fingerprint, m.dlq_name, count(*) AS n, min(m.parked_at) AS first_seen,"
                        + " max(m.parked_at) AS last_seen, max(m.failure_reason) AS sample" + filter
                        + " GROUP BY m.fingerprint, m.dlq_name",
                rs -> {
                    groups.computeIfAbsent(rs.getString("fingerprint"), GroupBuilder::new)
                            .add(
                                    rs.getString("dlq_name"),
                                    rs.getLong("n"),
                                    instant(rs, "first_seen"),
                                    instant(rs, "last_seen"),
                                    rs.getString("sample"));
                },
                args);
        return groups.values().stream()
                .map(GroupBuilder::build)
                .sorted((a, b) -> Long.compare(b.count(), a.count()))
                .toList();
    }

    List<DlqParkingCount> countsByDlq() {
        var counts = new LinkedHashMap<String, long[]>();
        var names = new LinkedHashMap<String, String[]>();
        jdbc.query(
                "SELECT connection_name, dlq_name, status, count(*) AS n FROM message_state"
                        + " GROUP BY connection_name, dlq_name, status",
                rs -> {
                    var key = rs.getString("connection_name") + "\u0000" + rs.getString("dlq_name");
                    names.putIfAbsent(key, new String[] {rs.getString("connection_name"), rs.getString("dlq_name")});
                    // A message being replayed still waits in the parking lot until SQS accepts it.
                    var slot = switch (ParkedStatus.valueOf(rs.getString("status"))) {
                        case PARKED, REPLAYING -> 0;
                        case REPLAYED -> 1;
                        case DISCARDED -> 2;
                    };
                    counts.computeIfAbsent(key, k -> new long[3])[slot] += rs.getLong("n");
                });
        return counts.entrySet().stream()
                .map(e -> {
                    var name = names.get(e.getKey());
                    var n = e.getValue();
                    return new DlqParkingCount(name[0], name[1], n[0], n[1], n[2]);
                })
                .toList();
    }

    /**
     * Per DLQ and status, how many messages and when the oldest was parked: one GROUP BY over the
     * narrow state rows, then the oldest one's time (ids grow with parking time).
     */
    List<ParkedTally> tallies() {
        var tallies = jdbc.query(
                "SELECT connection_name, dlq_name, status, count(*) AS n, min(message_id) AS oldest"
                        + " FROM message_state GROUP BY connection_name, dlq_name, status",
                (rs, row) -> new Object[] {
                    rs.getString("connection_name"),
                    rs.getString("dlq_name"),
                    ParkedStatus.valueOf(rs.getString("status")),
                    rs.getLong("n"),
                    rs.getLong("oldest")
                });
        var result = new ArrayList<ParkedTally>();
        for (var t : tallies) {
            var oldest = jdbc.queryForObject(
                    "SELECT parked_at FROM parked_message WHERE id = ?", Timestamp.class, (Long) t[4]);
            result.add(new ParkedTally(
                    (String) t[0], (String) t[1], (ParkedStatus) t[2], (Long) t[3], oldest.toInstant()));
        }
        return result;
    }

    /**
     * Removes the handled messages (replayed or discarded) older than the cutoff; their state rows go
     * with them. Parked ones are never purged.
     */
    int purgeHandledBefore(Instant cutoff) {
        var ids = jdbc.queryForList(
                "SELECT message_id FROM message_state WHERE status IN ('REPLAYED', 'DISCARDED')"
                        + " AND handled_at IS NOT NULL AND handled_at < ?",
                Long.class,
                Timestamp.from(cutoff));
        int purged = 0;
        for (int from = 0; from < ids.size(); from += 1_000) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + 1_000));
            var where = new Where(MessageFilter.ALL);
            where.in(chunk);
            // Their state rows go with them (ON DELETE CASCADE).
            purged += jdbc.update("DELETE FROM parked_message m" + where.sql(), where.args.toArray());
        }
        if (search.keepsOwnIndex() && !ids.isEmpty()) {
            afterCommit(() -> search.remove(ids));
        }
        return purged;
    }

    private static void bind(PreparedStatement ps, ParkedMessageDraft d) throws SQLException {
        int i = 1;
        ps.setString(i++, d.connectionName());
        ps.setString(i++, d.dlqName());
        ps.setString(i++, d.sqsMessageId());
        ps.setString(i++, d.sourceQueue());
        ps.setTimestamp(i++, Timestamp.from(d.parkedAt()));
        if (d.sentAt() == null) {
            ps.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(i++, Timestamp.from(d.sentAt()));
        }
        ps.setInt(i++, d.receiveCount());
        ps.setString(i++, d.failureReason());
        ps.setString(i++, d.failureType());
        ps.setString(i++, d.fingerprint());
        ps.setString(i++, d.traceId());
        ps.setString(i++, d.traceFormat());
        ps.setString(i++, d.traceHeader());
        ps.setString(i++, d.traceRaw());
        ps.setString(i++, d.bodySha256());
        ps.setInt(i++, d.body().length);
        ps.setString(i++, d.bodyPreview());
        ps.setString(i++, d.groupId());
        ps.setString(i++, d.deduplicationId());
        ps.setString(i++, d.sequenceNumber());
        ps.setString(i++, d.cameBackReplayId());
        ps.setInt(i++, d.replayGeneration());
        ps.setString(i, d.maskedWith());
    }

    static ParkedSummary summary(ResultSet rs, int rowNum) throws SQLException {
        var jobId = rs.getLong("job_id");
        var noJob = rs.wasNull();
        return new ParkedSummary(
                rs.getLong("id"),
                rs.getString("connection_name"),
                rs.getString("dlq_name"),
                rs.getString("sqs_message_id"),
                rs.getString("source_queue"),
                ParkedStatus.valueOf(rs.getString("status")),
                instant(rs, "parked_at"),
                nullableInstant(rs, "sent_at"),
                rs.getInt("receive_count"),
                rs.getString("failure_type"),
                rs.getString("fingerprint"),
                rs.getString("trace_id"),
                rs.getString("trace_format"),
                rs.getString("trace_header"),
                rs.getString("trace_raw"),
                rs.getString("body_sha256"),
                rs.getInt("body_size"),
                rs.getString("group_id"),
                rs.getString("deduplication_id"),
                rs.getString("sequence_number"),
                rs.getString("came_back_replay_id"),
                rs.getInt("replay_generation"),
                noJob ? null : jobId,
                rs.getInt("replay_count"),
                rs.getString("uncertain_replay_id"),
                nullableInstant(rs, "handled_at"),
                rs.getString("handled_by"),
                rs.getString("handled_reason"));
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        var at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static MessageRow row(ResultSet rs, int rowNum) throws SQLException {
        return new MessageRow(
                rs.getLong("id"),
                rs.getString("connection_name"),
                rs.getString("dlq_name"),
                rs.getString("source_queue"),
                ParkedStatus.valueOf(rs.getString("status")),
                instant(rs, "parked_at"),
                rs.getInt("receive_count"),
                rs.getString("failure_reason"),
                rs.getString("fingerprint"),
                rs.getString("trace_id"),
                rs.getString("body_preview"),
                rs.getInt("body_size"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    /** The WHERE clause of a filter, with its arguments in order. */
    private static final class Where {

        private final List<String> conditions = new ArrayList<>();
        private final List<Object> args = new ArrayList<>();
        private final MessageFilter filter;

        Where(MessageFilter filter) {
            this.filter = filter;
            if (filter.connection() != null) {
                add("m.connection_name = ?", filter.connection());
            }
            if (filter.dlq() != null) {
                add("m.dlq_name = ?", filter.dlq());
            }
            if (filter.source() != null) {
                add("m.source_queue = ?", filter.source());
            }
            if (filter.status() != null) {
                add("s.status = ?", filter.status().name());
            }
            if (filter.fingerprint() != null) {
                add("m.fingerprint = ?", filter.fingerprint());
            }
            if (filter.from() != null) {
                add("m.parked_at >= ?", Timestamp.from(filter.from()));
            }
            if (filter.to() != null) {
                add("m.parked_at < ?", Timestamp.from(filter.to()));
            }
            if (filter.traceId() != null) {
                add("m.trace_id = ?", filter.traceId());
            }
            if (filter.hasTrace() != null) {
                conditions.add(filter.hasTrace() ? "m.trace_id IS NOT NULL" : "m.trace_id IS NULL");
            }
            if (filter.text() != null) {
                add(
                        "EXISTS (SELECT 1 FROM parked_payload p WHERE p.message_id = m.id"
                                + " AND p.search_text LIKE ? ESCAPE '\\')",
                        "%" + ParkingLot.escapeLike(filter.text()) + "%");
            }
        }

        /** The tables to read: the state rows only when the filter asks for a status. */
        String from() {
            return filter.status() == null ? " FROM parked_message m" : JOINED;
        }

        void add(String condition, Object arg) {
            conditions.add(condition);
            args.add(arg);
        }

        void in(List<Long> ids) {
            conditions.add("m.id IN (" + literals(ids) + ")");
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        /**
         * Newest first. The columns fixed by equality lead the ORDER BY as they lead the matching
         * index: it changes nothing in the result, but lets H2 read the index in order and stop after
         * one page instead of sorting every match (PostgreSQL needs no such hint, and minds none).
         */
        String orderBy() {
            if (filter.dlq() != null && filter.fingerprint() != null) {
                return " ORDER BY m.dlq_name, m.fingerprint, m.id DESC";
            }
            if (filter.fingerprint() != null) {
                return " ORDER BY m.fingerprint, m.id DESC";
            }
            if (filter.dlq() != null) {
                return " ORDER BY m.dlq_name, m.id DESC";
            }
            return " ORDER BY m.id DESC";
        }

        static String escapeLike(String text) {
            return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }

    /** A term for {@code LIKE … ESCAPE '\'}: its own {@code \}, {@code %} and {@code _} taken literally. */
    static String escapeLike(String text) {
        return Where.escapeLike(text);
    }

    private static final class GroupBuilder {

        private final String fingerprint;
        private final List<String> dlqs = new ArrayList<>();
        private long count;
        private @Nullable Instant first;
        private @Nullable Instant last;
        private @Nullable String sample;

        GroupBuilder(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        void add(String dlq, long n, Instant firstSeen, Instant lastSeen, @Nullable String reason) {
            dlqs.add(dlq);
            count += n;
            first = first == null || firstSeen.isBefore(first) ? firstSeen : first;
            last = last == null || lastSeen.isAfter(last) ? lastSeen : last;
            sample = sample == null ? reason : sample;
        }

        FailureGroup build() {
            dlqs.sort(String::compareTo);
            return new FailureGroup(
                    fingerprint,
                    FailureFingerprint.template(sample),
                    sample == null ? FailureFingerprint.NO_REASON : sample,
                    count,
                    List.copyOf(dlqs),
                    first,
                    last,
                    GroupWork.untouched(fingerprint));
        }
    }
}
