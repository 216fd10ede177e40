package dev.dlqconsole.sqs;

import java.util.Map;
import java.util.Set;

/**
 * The outcome of a batch call: the entry ids SQS accepted (with the message ids it gave them, for
 * sends), and for the others the error it gave. A batch can answer HTTP 200 and still fail entries;
 * SQS took none of the failed ones, and those in {@code retryable} failed through no fault of the
 * request (SQS's {@code SenderFault} false), so sending them again may work.
 */
public record BatchResult(
        Set<String> succeeded, Map<String, String> messageIds, Map<String, String> failed, Set<String> retryable) {

    public BatchResult(Set<String> succeeded, Map<String, String> messageIds, Map<String, String> failed) {
        this(succeeded, messageIds, failed, Set.of());
    }

    public boolean allSucceeded() {
        return failed.isEmpty();
    }
}
