package dev.dlqconsole.parking;

import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.tracing.TraceContextReader;
import dev.dlqconsole.tracing.TraceReading;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parking lot's side of a replay: reading candidates, and claiming a message for one job so that
 * two jobs (or a double click) never send it twice. It serves the replay executor, which runs in the
 * background on behalf of the operator who created the job; roles were checked when the job was.
 */
@Component
public class ReplayClaims {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final NamedParameterJdbcTemplate jdbc;
    private final ParkingLot lot;
    private final TraceContextReader traces;

    ReplayClaims(NamedParameterJdbcTemplate jdbc, ParkingLot lot, TraceContextReader traces) {
        this.jdbc = jdbc;
        this.lot = lot;
        this.traces = traces;
    }

    /** The ids matching a filter now, newest first: the frozen selection of a replay. */
    @Transactional(readOnly = true)
    public List<Long> matchingIds(MessageFilter filter, int limit) {
        return lot.ids(filter, limit);
    }

    /** Replayed messages with one of these bodies: copies an earlier job already sent. */
    @Transactional(readOnly = true)
    public List<ReplayCandidate> replayedWithBodies(Collection<String> bodySha256s) {
        var ids = new ArrayList<Long>();
        var all = List.copyOf(new java.util.HashSet<>(bodySha256s));
        for (int from = 0; from < all.size(); from += 1_000) {
            ids.addAll(jdbc.queryForList(
                    "SELECT id FROM parked_message WHERE body_sha256 IN (:hashes) AND status = 'REPLAYED'",
                    Map.of("hashes", all.subList(from, Math.min(all.size(), from + 1_000))),
                    Long.class));
        }
        return candidates(ids);
    }

    @Transactional(readOnly = true)
    public List<ReplayCandidate> candidates(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var rows = new ArrayList<ReplayCandidate>();
        var all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 1_000) {
            read(all.subList(from, Math.min(all.size(), from + 1_000)), rows);
        }
        return rows;
    }

    private void read(List<Long> ids, List<ReplayCandidate> rows) {
        jdbc.query(
                "SELECT id, connection_name, dlq_name, source_queue, status, replay_job_id, replay_count,"
                        + " sqs_message_id, body, body_sha256, attributes_json, system_json, group_id, sequence_number,"
                        + " replay_generation"
                        + " FROM parked_message WHERE id IN (:ids)",
                Map.of("ids", ids),
                rs -> {
                    var attributes = attributes(rs.getString("attributes_json"));
                    var strings = new LinkedHashMap<String, String>();
                    attributes.forEach((k, v) -> {
                        if (v.stringValue() != null) {
                            strings.put(k, v.stringValue());
                        }
                    });
                    var system = new LinkedHashMap<String, String>();
                    json.readTree(rs.getString("system_json"))
                            .properties()
                            .forEach(e -> system.put(e.getKey(), e.getValue().asString("")));
                    var trace =
                            traces.read(strings, system) instanceof TraceReading.Found found ? found.context() : null;
                    var jobId = rs.getLong("replay_job_id");
                    rows.add(new ReplayCandidate(
                            rs.getLong("id"),
                            rs.getString("connection_name"),
                            rs.getString("dlq_name"),
                            rs.getString("source_queue"),
                            ParkedStatus.valueOf(rs.getString("status")),
                            rs.wasNull() ? null : jobId,
                            rs.getInt("replay_count"),
                            rs.getString("sqs_message_id"),
                            new String(rs.getBytes("body"), StandardCharsets.UTF_8),
                            rs.getString("body_sha256"),
                            attributes,
                            rs.getString("group_id"),
                            rs.getString("sequence_number"),
                            trace,
                            rs.getInt("replay_generation")));
                });
    }

    /** Replayed messages that dead-lettered again and were parked anew, with one of their reasons. */
    @Transactional(readOnly = true)
    public CameBack cameBack(Collection<String> replayIds) {
        if (replayIds.isEmpty()) {
            return new CameBack(0, null);
        }
        var count = new int[1];
        var sample = new String[1];
        jdbc.query(
                "SELECT failure_reason FROM parked_message WHERE came_back_replay_id IN (:ids)",
                Map.of("ids", replayIds),
                rs -> {
                    count[0]++;
                    if (sample[0] == null) {
                        sample[0] = rs.getString(1);
                    }
                });
        return new CameBack(count[0], sample[0]);
    }

    /** How many replayed messages came back to a DLQ, and why one of them failed. */
    public record CameBack(
            int count, @org.jspecify.annotations.Nullable String sampleReason) {}

    /**
     * Claims a batch for the job in one statement: only one job at a time can move a message from
     * PARKED (or, when forced, from REPLAYED) to REPLAYING, and a job resuming after a crash keeps
     * its own claims. Returns the ids this job now holds.
     */
    @Transactional
    public java.util.Set<Long> claimAll(Collection<Long> messageIds, long jobId, boolean force) {
        if (messageIds.isEmpty()) {
            return java.util.Set.of();
        }
        var params = Map.of("job", jobId, "ids", messageIds, "force", force);
        jdbc.update(
                "UPDATE parked_message SET status = 'REPLAYING', replay_job_id = :job WHERE id IN (:ids) AND"
                        + " (status = 'PARKED' OR (status = 'REPLAYING' AND replay_job_id = :job)"
                        + " OR (:force AND status = 'REPLAYED'))",
                params);
        return new java.util.HashSet<>(jdbc.queryForList(
                "SELECT id FROM parked_message WHERE id IN (:ids) AND status = 'REPLAYING' AND replay_job_id = :job",
                params,
                Long.class));
    }

    /** SQS accepted these replayed messages: they are replayed, once more. */
    @Transactional
    public void replayedAll(Collection<Long> messageIds, long jobId, String operator, Instant at) {
        if (messageIds.isEmpty()) {
            return;
        }
        jdbc.update(
                "UPDATE parked_message SET status = 'REPLAYED', replay_count = replay_count + 1, handled_at = :at,"
                        + " handled_by = :who, handled_reason = :why WHERE id IN (:ids) AND replay_job_id = :job"
                        + " AND status = 'REPLAYING'",
                Map.of(
                        "at", Timestamp.from(at),
                        "who", operator,
                        "why", "replay job " + jobId,
                        "ids", messageIds,
                        "job", jobId));
    }

    /**
     * The job was cancelled: every message it still holds (claimed, not recorded as sent) waits in the
     * parking lot again. Call only when no executor is working on the job.
     */
    @Transactional
    public int releaseJob(long jobId) {
        return jdbc.update(
                "UPDATE parked_message SET status = CASE WHEN replay_count > 0 THEN 'REPLAYED' ELSE 'PARKED' END"
                        + " WHERE replay_job_id = :job AND status = 'REPLAYING'",
                Map.of("job", jobId));
    }

    /** The sends failed for good: the messages wait in the parking lot again. */
    @Transactional
    public void releaseAll(Collection<Long> messageIds, long jobId) {
        if (messageIds.isEmpty()) {
            return;
        }
        jdbc.update(
                "UPDATE parked_message SET status = CASE WHEN replay_count > 0 THEN 'REPLAYED' ELSE 'PARKED' END"
                        + " WHERE id IN (:ids) AND replay_job_id = :job AND status = 'REPLAYING'",
                Map.of("ids", messageIds, "job", jobId));
    }

    private static Map<String, MessageAttribute> attributes(String attributesJson) {
        var attributes = new LinkedHashMap<String, MessageAttribute>();
        for (var entry : json.readTree(attributesJson).properties()) {
            var node = entry.getValue();
            var base64 = node.path("base64").asString(null);
            attributes.put(
                    entry.getKey(),
                    new MessageAttribute(
                            node.path("type").asString("String"),
                            node.path("value").asString(null),
                            base64 == null ? null : Base64.getDecoder().decode(base64)));
        }
        return attributes;
    }
}
