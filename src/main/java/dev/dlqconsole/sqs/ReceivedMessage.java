package dev.dlqconsole.sqs;

import java.util.Map;

/** A message as received from SQS, with its message attributes and its system attributes. */
public record ReceivedMessage(
        String messageId,
        String receiptHandle,
        String body,
        Map<String, MessageAttribute> attributes,
        Map<String, String> systemAttributes) {}
