package dev.dlqconsole.parking;

import org.jspecify.annotations.Nullable;

/**
 * One parked message whole, as stored, for its page: the summary, the (masked) reason and the payload,
 * with its attributes as they came and as shown (masked at park time).
 */
record StoredMessage(
        ParkedSummary summary,
        @Nullable String failureReason,
        byte[] body,
        String attributesJson,
        @Nullable String shownAttributesJson,
        String systemJson) {}
