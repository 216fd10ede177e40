package dev.dlqconsole.replay;

import dev.dlqconsole.parking.ReplaysWaiting;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The ledger's pending entries of jobs that have not finished: the messages they are still to send. */
@Component
class LedgerWaiting implements ReplaysWaiting {

    /** Every status of a job that may still send: waiting, running, paused (and any added later). */
    private static final String UNFINISHED = java.util.Arrays.stream(ReplayStatus.values())
            .filter(status -> !status.finished())
            .map(status -> "'" + status.name() + "'")
            .collect(java.util.stream.Collectors.joining(", "));

    private final JdbcTemplate jdbc;

    LedgerWaiting(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Long, Long> jobsToSend(Collection<Long> messageIds) {
        var jobs = new HashMap<Long, Long>();
        var all = List.copyOf(messageIds);
        for (int from = 0; from < all.size(); from += 1_000) {
            var chunk = all.subList(from, Math.min(all.size(), from + 1_000));
            var in = String.join(",", chunk.stream().map(String::valueOf).toList());
            jdbc.query(
                    "SELECT l.parked_message_id, l.job_id FROM replay_ledger l JOIN replay_job j ON j.id = l.job_id"
                            + " WHERE l.parked_message_id IN (" + in + ") AND l.status IN ('PENDING', 'SENDING')"
                            + " AND j.status IN (" + UNFINISHED + ")",
                    rs -> {
                        jobs.put(rs.getLong(1), rs.getLong(2));
                    });
        }
        return jobs;
    }
}
