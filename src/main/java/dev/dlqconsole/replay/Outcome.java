package dev.dlqconsole.replay;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one or more batches did: sent with SQS's message id, or failed with the error. */
final class Outcome {
    final Map<Prepared, String> sent = new LinkedHashMap<>();
    final Map<Prepared, String> failed = new LinkedHashMap<>();

    void add(Outcome other) {
        sent.putAll(other.sent);
        failed.putAll(other.failed);
    }
}
