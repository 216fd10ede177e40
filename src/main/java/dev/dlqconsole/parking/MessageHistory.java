package dev.dlqconsole.parking;

import dev.dlqconsole.parking.MessageDetails.HistoryEntry;
import java.util.List;

/**
 * What other features know about a parked message's past (its replays, for one), for its page. The
 * parking feature asks every implementation, so it never reads their tables or depends on them.
 */
public interface MessageHistory {

    List<HistoryEntry> historyOf(long parkedMessageId);
}
