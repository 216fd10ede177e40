package dev.dlqconsole.incident;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One runbook step of an incident: open until someone marks it done or skipped, with a note. */
public record IncidentStep(
        int number,
        String title,
        State state,
        @Nullable String note,
        @Nullable String by,
        @Nullable Instant at) {

    public enum State {
        OPEN,
        DONE,
        SKIPPED
    }
}
