package dev.dlqconsole.replay;

import java.util.Locale;

/**
 * A replay job came to a point someone may want to hear about: it waits for approval, the executor
 * paused it, or it completed. Published inside the transaction of the change (the executor's fenced
 * one), so a listener's writes (the notification outbox) commit with it or not at all.
 */
public record ReplayJobChanged(ReplayJob job, Change change) {

    public enum Change {
        AWAITING_APPROVAL,
        /** The executor paused it (not an operator): see {@link #pauseCause()}. */
        PAUSED,
        COMPLETED
    }

    /** Why the executor paused the job. */
    public enum PauseCause {
        CANARY,
        RAMP,
        BUDGET,
        /** Anything else that needs a person: unknown outcomes, a missing connection, a FIFO group held. */
        STOPPED
    }

    /** Why the executor paused, read from its status detail (the executor's own wording, in this package). */
    public PauseCause pauseCause() {
        var detail = job.statusDetail() == null ? "" : job.statusDetail().toLowerCase(Locale.ROOT);
        if (detail.contains("canary")) {
            return PauseCause.CANARY;
        }
        // RampWatch: "Paused at step 2 of 4 (5%): … came back to a DLQ …".
        if (detail.contains("ramp") || detail.startsWith("paused at step")) {
            return PauseCause.RAMP;
        }
        if (detail.contains("budget")) {
            return PauseCause.BUDGET;
        }
        return PauseCause.STOPPED;
    }
}
