package dev.dlqconsole.sqs;

import java.util.Map;

/** A queue as SQS describes it: its URL, name, ARN and all its attributes at the time it was read. */
public record SqsQueue(String connection, String url, String name, String arn, Map<String, String> attributes) {

    public boolean fifo() {
        return name.endsWith(".fifo");
    }

    long longAttribute(String key) {
        var value = attributes.get(key);
        return value == null || value.isBlank() ? 0 : Long.parseLong(value.trim());
    }
}
