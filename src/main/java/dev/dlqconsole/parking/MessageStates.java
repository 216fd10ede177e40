package dev.dlqconsole.parking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every change of a parked message's state, each one conditional statement over the narrow {@code
 * message_state} rows (docs/decisions/007): PARKED to DISCARDED, PARKED to REPLAYING for one job (the
 * claim), REPLAYING to REPLAYED, and REPLAYING back to PARKED, keeping the replay id of a send whose
 * outcome is unknown. A message a job does not hold is never changed by that job's statements.
 */
@Repository
class MessageStates {

    /** The status a message goes back to when a claim is given up: replayed before, or parked. */
    private static final String RELEASED = "CASE WHEN replay_count > 0 THEN 'REPLAYED' ELSE 'PARKED' END";

    private final NamedParameterJdbcTemplate jdbc;

    MessageStates(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Discards the messages still parked; one a job has claimed is left alone. Returns how many. */
    int discard(Collection<Long> ids, String operator, String reason, Instant at) {
        int discarded = 0;
        for (var chunk : chunks(ids)) {
            discarded += jdbc.update(
                    "UPDATE message_state SET status = 'DISCARDED', handled_by = :who, handled_reason = :why,"
                            + " handled_at = :at WHERE status = 'PARKED' AND message_id IN ("
                            + ParkingLot.literals(chunk) + ")",
                    Map.of("who", operator, "why", reason, "at", Timestamp.from(at)));
        }
        return discarded;
    }

    /**
     * Claims messages for the job in one statement: only one job at a time moves a message from PARKED
     * (or, when forced, from REPLAYED) to REPLAYING, and a job going on after a crash keeps its own
     * claims. Returns the ids the job holds now.
     */
    Set<Long> claim(Collection<Long> ids, long jobId, boolean force) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        var params = Map.of("job", jobId, "force", force);
        var in = ParkingLot.literals(ids);
        jdbc.update(
                "UPDATE message_state SET status = 'REPLAYING', job_id = :job WHERE message_id IN (" + in + ") AND"
                        + " (status = 'PARKED' OR (status = 'REPLAYING' AND job_id = :job)"
                        + " OR (:force AND status = 'REPLAYED'))",
                params);
        return new HashSet<>(jdbc.queryForList(
                "SELECT message_id FROM message_state WHERE message_id IN (" + in + ") AND status = 'REPLAYING'"
                        + " AND job_id = :job",
                params,
                Long.class));
    }

    /** SQS took these messages from the job: replayed, once more; an uncertain send of theirs is settled. */
    void replayed(Collection<Long> ids, long jobId, String operator, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update(
                "UPDATE message_state SET status = 'REPLAYED', replay_count = replay_count + 1,"
                        + " uncertain_replay_id = NULL, handled_at = :at, handled_by = :who, handled_reason = :why"
                        + " WHERE message_id IN (" + ParkingLot.literals(ids) + ") AND job_id = :job"
                        + " AND status = 'REPLAYING'",
                Map.of("at", Timestamp.from(at), "who", operator, "why", "replay job " + jobId, "job", jobId));
    }

    /** The job gives these messages up, none of them sent: they wait in the parking lot again. */
    void release(Collection<Long> ids, long jobId) {
        for (var chunk : chunks(ids)) {
            jdbc.update(
                    "UPDATE message_state SET status = " + RELEASED + ", job_id = NULL"
                            + " WHERE message_id IN (" + ParkingLot.literals(chunk) + ") AND job_id = :job"
                            + " AND status = 'REPLAYING'",
                    Map.of("job", jobId));
        }
    }

    /**
     * The job gives these messages up after a send whose outcome it does not know: they wait in the
     * parking lot again, each keeping the replay id it may have arrived with, for the next try to reuse.
     */
    void releaseUncertain(Map<Long, String> replayIds, long jobId) {
        var rows = replayIds.entrySet().stream()
                .map(e -> Map.<String, Object>of("id", e.getKey(), "replay", e.getValue(), "job", jobId))
                .toList();
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "UPDATE message_state SET status = " + RELEASED + ", job_id = NULL, uncertain_replay_id = :replay"
                        + " WHERE message_id = :id AND job_id = :job AND status = 'REPLAYING'",
                rows.stream()
                        .map(org.springframework.jdbc.core.namedparam.MapSqlParameterSource::new)
                        .toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new));
    }

    /** The ids of messages the job holds now. */
    List<Long> heldBy(long jobId) {
        return jdbc.queryForList(
                "SELECT message_id FROM message_state WHERE job_id = :job AND status = 'REPLAYING'",
                Map.of("job", jobId),
                Long.class);
    }

    private static List<List<Long>> chunks(Collection<Long> ids) {
        var all = List.copyOf(ids);
        var chunks = new java.util.ArrayList<List<Long>>();
        for (int from = 0; from < all.size(); from += 1_000) {
            chunks.add(all.subList(from, Math.min(all.size(), from + 1_000)));
        }
        return chunks;
    }
}
