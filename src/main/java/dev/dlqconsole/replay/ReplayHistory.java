package dev.dlqconsole.replay;

import dev.dlqconsole.parking.MessageDetails.HistoryEntry;
import dev.dlqconsole.parking.MessageHistory;
import dev.dlqconsole.tracing.TraceLinks;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Each replay of a message, for its page: which job, where to, what happened, and the replay's trace. */
@Component
class ReplayHistory implements MessageHistory {

    private final ReplayLedger ledger;
    private final ReplayJobs jobs;
    private final TraceLinks links;

    ReplayHistory(ReplayLedger ledger, ReplayJobs jobs, TraceLinks links) {
        this.ledger = ledger;
        this.jobs = jobs;
        this.links = links;
    }

    @Override
    public List<HistoryEntry> historyOf(long parkedMessageId) {
        var entries = new ArrayList<HistoryEntry>();
        for (var entry : ledger.forMessage(parkedMessageId)) {
            var job = jobs.find(entry.jobId());
            var who = job.map(ReplayJob::createdBy).orElse(null);
            var what = switch (entry.status()) {
                case SENT -> "Replayed by job " + entry.jobId() + " to " + entry.target();
                case SKIPPED -> "Skipped by replay job " + entry.jobId();
                case FAILED -> "Replay failed in job " + entry.jobId();
                case UNKNOWN -> "Sent by job " + entry.jobId() + ", outcome unknown (job cancelled)";
                case PENDING -> "Queued for replay in job " + entry.jobId();
                case SENDING -> "Being sent by replay job " + entry.jobId();
            };
            var detail = entry.status() == LedgerStatus.SENT
                    ? "replay id " + entry.replayId()
                            + (entry.replayTraceId() == null ? "" : " · trace " + entry.replayTraceId())
                    : entry.detail();
            var link = entry.replayTraceId() == null
                    ? null
                    : links.urlFor(entry.replayTraceId()).orElse(null);
            entries.add(new HistoryEntry(entry.updatedAt(), what, who, detail, link));
        }
        return entries;
    }
}
