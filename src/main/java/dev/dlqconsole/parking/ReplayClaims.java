package dev.dlqconsole.parking;

import dev.dlqconsole.tracing.TraceContextReader;
import dev.dlqconsole.tracing.TraceReading;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The parking lot's side of a replay: the candidates a replay plans with (no bodies), the payloads a
 * wave sends, and the claims that let one job at a time send a message. It serves the replay feature,
 * which runs in the background on behalf of the operator who created the job; roles were checked when
 * the job was. Its writes join the caller's transaction, where the replay executor fences them.
 */
@Component
public class ReplayClaims {

    private static final String CANDIDATE_COLUMNS = "m.id, m.connection_name, m.dlq_name, m.source_queue,"
            + " m.sqs_message_id, s.status, s.job_id, s.replay_count, m.replay_generation, m.body_sha256,"
            + " m.body_size, m.fingerprint, m.group_id, m.sequence_number, m.trace_id, s.uncertain_replay_id,"
            + " EXISTS (SELECT 1 FROM parked_message e JOIN message_state es ON es.message_id = e.id"
            + " WHERE e.body_sha256 = m.body_sha256 AND es.status = 'REPLAYED') AS body_replayed,"
            + " EXISTS (SELECT 1 FROM message_version v WHERE v.parked_message_id = m.id) AS edited";

    private final NamedParameterJdbcTemplate jdbc;
    private final ParkingLot lot;
    private final MessageStates states;
    private final TraceContextReader traces;
    private final MessageVersions versions;

    ReplayClaims(
            NamedParameterJdbcTemplate jdbc,
            ParkingLot lot,
            MessageStates states,
            TraceContextReader traces,
            MessageVersions versions) {
        this.versions = versions;
        this.jdbc = jdbc;
        this.lot = lot;
        this.states = states;
        this.traces = traces;
    }

    /** The ids matching a filter now, newest first: the frozen selection of a replay. */
    @Transactional(readOnly = true)
    public List<Long> matchingIds(MessageFilter filter, int limit) {
        return lot.ids(filter, limit);
    }

    /** The messages as a replay plans with them, read a thousand at a time; ids not found are left out. */
    @Transactional(readOnly = true)
    public List<ReplayCandidate> candidates(Collection<Long> ids) {
        return inChunks(
                ids,
                chunk -> jdbc.query(
                        "SELECT " + CANDIDATE_COLUMNS + ParkingLot.JOINED + " WHERE m.id IN ("
                                + ParkingLot.literals(chunk) + ")",
                        Map.of(),
                        ReplayClaims::candidate));
    }

    /**
     * Every message matching the filter as a replay plans with it, up to {@code limit}: one query (or,
     * for a text search on H2, the search index's ids read a thousand at a time).
     */
    @Transactional(readOnly = true)
    public List<ReplayCandidate> candidates(MessageFilter filter, int limit) {
        var ids = lot.idsWithoutQuery(filter, limit);
        if (ids != null) {
            return candidates(ids);
        }
        var rows = new ArrayList<ReplayCandidate>();
        lot.select(CANDIDATE_COLUMNS, filter, limit, rs -> {
            rows.add(candidate(rs, rows.size()));
        });
        return rows;
    }

    /** Replayed messages with one of these bodies: copies an earlier job already sent. */
    @Transactional(readOnly = true)
    public List<ReplayCandidate> replayedWithBodies(Collection<String> bodySha256s) {
        return inChunks(
                new HashSet<>(bodySha256s),
                chunk -> jdbc.query(
                        "SELECT " + CANDIDATE_COLUMNS + ParkingLot.JOINED
                                + " WHERE m.body_sha256 IN (" + ParkingLot.hexLiterals(chunk) + ")"
                                + " AND s.status = 'REPLAYED'",
                        Map.of(),
                        ReplayClaims::candidate));
    }

    /**
     * The value of one attribute (the idempotency key) of each of these messages that has it. A replay
     * asks only for messages whose body another selected message shares, the only ones that can be
     * duplicates, so it reads few attributes.
     */
    @Transactional(readOnly = true)
    public Map<Long, String> attributeValues(Collection<Long> ids, String attribute) {
        var values = new HashMap<Long, String>();
        inChunks(ids, chunk -> {
            jdbc.query(
                    "SELECT message_id AS id, attributes_json FROM parked_payload WHERE message_id IN ("
                            + ParkingLot.literals(chunk) + ")",
                    Map.of(),
                    rs -> {
                        var value = StoredAttributes.decode(rs.getString("attributes_json"))
                                .get(attribute);
                        if (value != null && value.stringValue() != null) {
                            values.put(rs.getLong("id"), value.stringValue());
                        }
                    });
            return List.of();
        });
        return values;
    }

    /**
     * What the wave sends of each message, by id: its latest version (the body and attributes as parked
     * when it was never edited, docs/decisions/017), and its trace.
     */
    @Transactional(readOnly = true)
    public Map<Long, ReplayPayload> payloads(Collection<Long> ids) {
        var payloads = new HashMap<Long, ReplayPayload>();
        inChunks(ids, chunk -> {
            var edited = versions.latest(chunk);
            jdbc.query(
                    "SELECT message_id AS id, body, attributes_json, system_json FROM parked_payload"
                            + " WHERE message_id IN (" + ParkingLot.literals(chunk) + ")",
                    Map.of(),
                    rs -> {
                        var latest = edited.get(rs.getLong("id"));
                        var attributes = StoredAttributes.decode(
                                latest == null ? rs.getString("attributes_json") : latest.attributesJson());
                        var system = StoredAttributes.decodeSystem(rs.getString("system_json"));
                        var trace = traces.read(StoredAttributes.strings(attributes), system)
                                        instanceof TraceReading.Found found
                                ? found.context()
                                : null;
                        var id = rs.getLong("id");
                        payloads.put(
                                id,
                                new ReplayPayload(
                                        id,
                                        new String(
                                                latest == null ? rs.getBytes("body") : latest.body(),
                                                StandardCharsets.UTF_8),
                                        attributes,
                                        trace));
                    });
            return List.of();
        });
        return payloads;
    }

    /** Replayed messages that dead-lettered again and were parked anew, with one of their reasons. */
    @Transactional(readOnly = true)
    public CameBack cameBack(Collection<String> replayIds) {
        var count = new int[1];
        var sample = new String[1];
        inChunks(new HashSet<>(replayIds), chunk -> {
            jdbc.query(
                    "SELECT failure_reason FROM parked_message WHERE came_back_replay_id IN ("
                            + ParkingLot.hexLiterals(chunk) + ")",
                    Map.of(),
                    rs -> {
                        count[0]++;
                        if (sample[0] == null) {
                            sample[0] = rs.getString(1);
                        }
                    });
            return List.of();
        });
        return new CameBack(count[0], sample[0]);
    }

    /** How many replayed messages came back to a DLQ, and why one of them failed. */
    public record CameBack(int count, @Nullable String sampleReason) {}

    /** Claims the messages for the job (see {@link MessageStates#claim}); returns the ids it holds now. */
    @Transactional
    public Set<Long> claimAll(Collection<Long> messageIds, long jobId, boolean force) {
        return states.claim(messageIds, jobId, force);
    }

    /** SQS accepted these replayed messages: they are replayed, once more. */
    @Transactional
    public void replayedAll(Collection<Long> messageIds, long jobId, String operator, Instant at) {
        states.replayed(messageIds, jobId, operator, at);
    }

    /** The job gives these messages up without having sent them: they wait in the parking lot again. */
    @Transactional
    public void releaseAll(Collection<Long> messageIds, long jobId) {
        states.release(messageIds, jobId);
    }

    /**
     * The job gives these messages up after sends whose outcome it does not know: they wait in the
     * parking lot again, each with the replay id (the value) that the next replay of it reuses.
     */
    @Transactional
    public void releaseUncertain(Map<Long, String> replayIds, long jobId) {
        states.releaseUncertain(replayIds, jobId);
    }

    /** The messages the job holds now. */
    @Transactional(readOnly = true)
    public List<Long> heldBy(long jobId) {
        return states.heldBy(jobId);
    }

    private static ReplayCandidate candidate(ResultSet rs, int row) throws SQLException {
        var jobId = rs.getLong("job_id");
        var noJob = rs.wasNull();
        return new ReplayCandidate(
                rs.getLong("id"),
                shared(rs.getString("connection_name")),
                shared(rs.getString("dlq_name")),
                shared(rs.getString("source_queue")),
                rs.getString("sqs_message_id"),
                ParkedStatus.valueOf(rs.getString("status")),
                noJob ? null : jobId,
                rs.getInt("replay_count"),
                rs.getInt("replay_generation"),
                rs.getString("body_sha256"),
                rs.getInt("body_size"),
                rs.getString("fingerprint"),
                rs.getString("group_id"),
                rs.getString("sequence_number"),
                rs.getString("trace_id"),
                rs.getString("uncertain_replay_id"),
                rs.getBoolean("body_replayed"),
                rs.getBoolean("edited"));
    }

    /** One copy of the few names 100,000 candidates repeat (connections, DLQs, queues). */
    private static @Nullable String shared(@Nullable String name) {
        return name == null ? null : name.intern();
    }

    private static <K, T> List<T> inChunks(Collection<K> keys, Function<List<K>, List<T>> read) {
        var all = List.copyOf(keys);
        var rows = new ArrayList<T>();
        for (int from = 0; from < all.size(); from += 1_000) {
            rows.addAll(read.apply(all.subList(from, Math.min(all.size(), from + 1_000))));
        }
        return rows;
    }
}
