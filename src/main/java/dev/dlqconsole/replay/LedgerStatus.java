package dev.dlqconsole.replay;

/**
 * One message's state in one job. SENDING is written before the send: a job that finds it after a
 * restart cannot know whether SQS took the message, so it sends again with the same replay id.
 */
public enum LedgerStatus {
    PENDING,
    SENDING,
    SENT,
    SKIPPED,
    FAILED
}
