package dev.dlqconsole.audit;

import org.jspecify.annotations.Nullable;

/** The incident an operator is working on, and the runbook step it is at (null once all are done). */
public record IncidentRef(
        long incidentId,
        String title,
        @Nullable Integer step,
        @Nullable String stepTitle) {

    /** "INC-12 step 2: Confirm the dependency has recovered", for a replay's runbook step field. */
    public String describe() {
        var text = "INC-" + incidentId + (step == null ? "" : " step " + step + ": " + stepTitle);
        return text.length() <= 300 ? text : text.substring(0, 299) + "…"; // a replay's runbook step holds 300
    }
}
