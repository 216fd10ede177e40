package dev.dlqconsole.sqs;

import java.util.Map;
import java.util.Set;

/**
 * The outcome of a batch call: the entry ids SQS accepted (with the message ids it gave them, for
 * sends), and for the others the error it gave. A batch can answer HTTP 200 and still fail entries.
 */
public record BatchResult(Set<String> succeeded, Map<String, String> messageIds, Map<String, String> failed) {

    public boolean allSucceeded() {
        return failed.isEmpty();
    }
}
