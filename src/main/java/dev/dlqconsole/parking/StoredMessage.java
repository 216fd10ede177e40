package dev.dlqconsole.parking;

import org.jspecify.annotations.Nullable;

/** One parked message whole, as stored, for its page: the summary, the reason and the payload. */
record StoredMessage(
        ParkedSummary summary, @Nullable String failureReason, byte[] body, String attributesJson, String systemJson) {}
