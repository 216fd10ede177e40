package dev.dlqconsole.parking;

import dev.dlqconsole.parking.MessageDetails.HistoryEntry;
import java.util.List;
import org.springframework.stereotype.Component;

/** Each edit of a message, for its history: which version, who made it and why. */
@Component
class VersionHistory implements MessageHistory {

    private final MessageVersions versions;

    VersionHistory(MessageVersions versions) {
        this.versions = versions;
    }

    @Override
    public List<HistoryEntry> historyOf(long parkedMessageId) {
        return versions.history(parkedMessageId).stream()
                .map(v -> new HistoryEntry(
                        v.editedAt(),
                        (v.bulk() ? "Edited by find-and-replace: version " : "Edited: version ") + v.version(),
                        v.editedBy(),
                        v.reason()))
                .toList();
    }
}
