package dev.dlqconsole.runbook;

import java.util.Locale;
import java.util.Optional;

/** How bad the situation a runbook handles is; {@code SEV1} is the worst. Written {@code sev1} … {@code sev4}. */
public enum Severity {
    SEV1,
    SEV2,
    SEV3,
    SEV4;

    /** The spelling used in front matter and shown to people. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Severity> fromLabel(String label) {
        for (var severity : values()) {
            if (severity.label().equals(label)) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
