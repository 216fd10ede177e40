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

    /**
     * The step being worked on: the first one still open (an operator may finish steps out of order).
     * The database's query for the active incident ({@code Incidents.activeFor}) follows the same rule.
     */
    public static java.util.OptionalInt current(java.util.List<IncidentStep> steps) {
        return steps.stream()
                .filter(s -> s.state() == State.OPEN)
                .mapToInt(IncidentStep::number)
                .findFirst();
    }

    public enum State {
        OPEN,
        DONE,
        SKIPPED
    }
}
