package dev.dlqconsole.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The result of walking the chain: how many events were checked, and the first broken link if any. */
public record Verification(
        Instant at,
        long checked,
        @Nullable Long brokenEventId,
        @Nullable String problem) {

    public boolean intact() {
        return brokenEventId == null && problem == null;
    }

    public String describe() {
        if (intact()) {
            return String.format("Intact: %,d events checked, every link holds", checked);
        }
        return brokenEventId == null
                ? String.format("Broken: %s (%,d events checked)", problem, checked)
                : String.format(
                        "Broken at event %d: %s (%,d events checked before it)", brokenEventId, problem, checked);
    }
}
