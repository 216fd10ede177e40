package dev.dlqconsole.replay;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A replay: who asked for it and why, where it sends, how fast, and how far it has come. */
@Entity
@Table(name = "replay_job")
public class ReplayJob {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Instant createdAt;
    private String createdBy;
    private String reason;

    @Enumerated(EnumType.STRING)
    private ReplayStatus status;

    private @Nullable String statusDetail;
    private @Nullable String targetQueue;
    private int ratePerSecond;
    private boolean forced;
    private String selection;
    private @Nullable String runbookStep;
    private int total;
    private int sent;
    private int skipped;
    private int failed;
    private int ambiguous;
    private int attributesNotAdded;
    private Instant updatedAt;
    private @Nullable Instant finishedAt;
    private int canarySize;
    private @Nullable Instant canaryUntil;
    private boolean canaryPassed;

    protected ReplayJob() {}

    ReplayJob(
            String createdBy,
            String reason,
            @Nullable String targetQueue,
            int ratePerSecond,
            boolean forced,
            String selection,
            @Nullable String runbookStep,
            int total,
            int canarySize,
            Instant now) {
        this.canarySize = canarySize;
        this.createdAt = now;
        this.createdBy = createdBy;
        this.reason = reason;
        this.status = ReplayStatus.RUNNING;
        this.targetQueue = targetQueue;
        this.ratePerSecond = ratePerSecond;
        this.forced = forced;
        this.selection = selection;
        this.runbookStep = runbookStep;
        this.total = total;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public String reason() {
        return reason;
    }

    public ReplayStatus status() {
        return status;
    }

    public @Nullable String statusDetail() {
        return statusDetail;
    }

    public @Nullable String targetQueue() {
        return targetQueue;
    }

    public int ratePerSecond() {
        return ratePerSecond;
    }

    public boolean forced() {
        return forced;
    }

    public String selection() {
        return selection;
    }

    public @Nullable String runbookStep() {
        return runbookStep;
    }

    public int total() {
        return total;
    }

    public int sent() {
        return sent;
    }

    public int skipped() {
        return skipped;
    }

    public int failed() {
        return failed;
    }

    public int ambiguous() {
        return ambiguous;
    }

    public int attributesNotAdded() {
        return attributesNotAdded;
    }

    public int remaining() {
        return Math.max(0, total - sent - skipped - failed);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public @Nullable Instant finishedAt() {
        return finishedAt;
    }

    public int canarySize() {
        return canarySize;
    }

    public @Nullable Instant canaryUntil() {
        return canaryUntil;
    }

    public boolean canaryPassed() {
        return canaryPassed;
    }

    /** True while the job may send only its first {@code canarySize} messages. */
    public boolean inCanary() {
        return canarySize > 0 && !canaryPassed;
    }

    void canaryPassed(Instant now) {
        this.canaryPassed = true;
        this.updatedAt = now;
    }

    void changeStatus(ReplayStatus next, @Nullable String detail, Instant now) {
        this.status = next;
        this.statusDetail = detail;
        this.updatedAt = now;
        if (next.finished()) {
            this.finishedAt = now;
        }
    }
}
