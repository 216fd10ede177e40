package dev.dlqconsole.parking;

import java.util.Collection;
import java.util.Map;

/**
 * Which messages a replay job that has not finished still means to send (the replay feature knows):
 * an edit of one of them is refused, so a job never sends an edit made after it was created, or after
 * its approver looked at it. The parking feature asks through here, never reading the replay tables.
 */
public interface ReplaysWaiting {

    /** The job that will send each of these messages, for those one will. */
    Map<Long, Long> jobsToSend(Collection<Long> messageIds);
}
