package dev.dlqconsole.replay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one or more batches did: sent (with SQS's message id), failed (SQS did not take it, with the
 * error), unknown (no answer says whether SQS took it), or held back unsent (a later message of a FIFO
 * group whose earlier one did not go through).
 */
final class Outcome {
    final Map<Prepared, String> sent = new LinkedHashMap<>();
    final Map<Prepared, String> failed = new LinkedHashMap<>();
    final Map<Prepared, String> unknown = new LinkedHashMap<>();
    final Map<Prepared, String> heldBack = new LinkedHashMap<>();

    boolean isEmpty() {
        return sent.isEmpty() && failed.isEmpty() && unknown.isEmpty() && heldBack.isEmpty();
    }

    void add(Outcome other) {
        sent.putAll(other.sent);
        failed.putAll(other.failed);
        unknown.putAll(other.unknown);
        heldBack.putAll(other.heldBack);
    }
}
