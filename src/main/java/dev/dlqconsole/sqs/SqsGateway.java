package dev.dlqconsole.sqs;

import dev.dlqconsole.tracing.Telemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The only code that talks to SQS. Everything above it speaks in the console's own records, so the
 * broker could be swapped for another behind the same methods.
 */
@Component
public class SqsGateway {

    private final SqsConnections connections;
    private final Tracer tracer;

    SqsGateway(SqsConnections connections, Telemetry telemetry) {
        this.connections = connections;
        this.tracer = telemetry.openTelemetry().getTracer("dev.dlqconsole.sqs");
    }

    /** Every SQS call is a client span, so a slow or failing call shows in the console's own traces. */
    private <T> T traced(String operation, String connection, String url, Supplier<T> call) {
        var span = tracer.spanBuilder(operation + " " + nameOf(url))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("rpc.system", "aws-api")
                .setAttribute("rpc.service", "SQS")
                .setAttribute("rpc.method", operation)
                .setAttribute("messaging.destination.name", nameOf(url))
                .setAttribute("dlq.connection", connection)
                .startSpan();
        try (var ignored = span.makeCurrent()) {
            return call.get();
        } catch (SdkException e) {
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            span.recordException(e);
            throw new SqsCallException(operation, nameOf(url), e);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            span.recordException(e);
            throw e;
        } finally {
            span.end();
        }
    }

    public boolean hasConnection(String connection) {
        return connections.has(connection);
    }

    public List<String> connectionNames() {
        return connections.all().stream().map(SqsProperties.Connection::name).toList();
    }

    public List<ConnectionSettings> connectionSettings() {
        return connections.all().stream()
                .map(c -> new ConnectionSettings(
                        c.name(),
                        c.region(),
                        c.endpoint() == null ? null : c.endpoint().toString(),
                        c.accessKeyId() == null ? "default AWS chain" : "static key " + c.accessKeyId(),
                        c.include(),
                        c.exclude(),
                        c.mode()))
                .toList();
    }

    public SqsProperties.Mode mode(String connection) {
        return connections.connection(connection).mode();
    }

    public boolean watches(String connection, String queueName) {
        return connections.connection(connection).watches(queueName);
    }

    /**
     * Asks the connection for one queue URL within {@code timeout} (retries included): the health
     * check's question, answered with the error rather than an exception.
     */
    public ConnectionCheck check(String connection, Duration timeout) {
        var settings = connections.connection(connection);
        var started = System.nanoTime();
        try {
            connections
                    .client(connection)
                    .listQueues(b -> b.maxResults(1)
                            .overrideConfiguration(
                                    o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout)));
            return new ConnectionCheck(connection, Duration.ofNanos(System.nanoTime() - started), null);
        } catch (SdkException e) {
            var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            var secret = settings.secretAccessKey();
            if (secret != null && !secret.isEmpty()) {
                message = message.replace(secret, "***");
            }
            return new ConnectionCheck(connection, Duration.ofNanos(System.nanoTime() - started), message);
        }
    }

    /** Every queue of the connection with all its attributes. */
    public List<SqsQueue> listQueues(String connection) {
        var client = connections.client(connection);
        var queues = new ArrayList<SqsQueue>();
        for (var url : client.listQueuesPaginator(b -> b.maxResults(1000)).queueUrls()) {
            try {
                queues.add(describe(connection, url));
            } catch (QueueDoesNotExistException e) {
                // Deleted between the listing and the describe: it is simply gone.
            }
        }
        return queues;
    }

    public SqsQueue describe(String connection, String url) {
        var attributes = connections
                .client(connection)
                .getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
        var arn = attributes.getOrDefault("QueueArn", "");
        return new SqsQueue(connection, url, nameOf(url), arn, Map.copyOf(attributes));
    }

    /** The queues that name this one as their dead-letter target, as SQS itself reports them. */
    public List<String> deadLetterSourceQueueUrls(String connection, String dlqUrl) {
        return connections
                .client(connection)
                .listDeadLetterSourceQueuesPaginator(b -> b.queueUrl(dlqUrl))
                .queueUrls()
                .stream()
                .toList();
    }

    /** The URL of a queue on the connection, by name. */
    public String queueUrl(String connection, String name) {
        return traced(
                "GetQueueUrl",
                connection,
                name,
                () -> connections
                        .client(connection)
                        .getQueueUrl(b -> b.queueName(name))
                        .queueUrl());
    }

    public String createQueue(String connection, String name, Map<String, String> attributes) {
        return connections
                .client(connection)
                .createQueue(b -> b.queueName(name).attributesWithStrings(attributes))
                .queueUrl();
    }

    public String send(String connection, String url, OutgoingMessage message) {
        return connections
                .client(connection)
                .sendMessage(b -> b.queueUrl(url)
                        .messageBody(message.body())
                        .messageAttributes(toSdk(message.attributes()))
                        .messageGroupId(message.groupId())
                        .messageDeduplicationId(message.deduplicationId())
                        .messageSystemAttributes(systemAttributes(message)))
                .messageId();
    }

    /**
     * Sends up to 10 messages in one call and tells, per entry, what SQS accepted. The call is made
     * once: the caller owns retries of sends, so that no copy leaves that its ledger does not know of.
     * A failed call throws {@link SqsCallException}, which says whether the messages may have arrived.
     */
    public BatchResult sendBatch(String connection, String url, List<OutgoingMessage> messages) {
        var entries = messages.stream()
                .map(m -> SendMessageBatchRequestEntry.builder()
                        .id(m.id())
                        .messageBody(m.body())
                        .messageAttributes(toSdk(m.attributes()))
                        .messageGroupId(m.groupId())
                        .messageDeduplicationId(m.deduplicationId())
                        .messageSystemAttributes(systemAttributes(m))
                        .build())
                .toList();
        var response = traced(
                "SendMessageBatch",
                connection,
                url,
                () -> connections
                        .sender(connection)
                        .sendMessageBatch(b -> b.queueUrl(url).entries(entries)));
        var messageIds = new HashMap<String, String>();
        response.successful().forEach(e -> messageIds.put(e.id(), e.messageId()));
        var result =
                batchResult(response.successful().stream().map(e -> e.id()).toList(), messageIds, response.failed());
        var retryable = new HashSet<String>();
        response.failed().stream()
                .filter(e -> !Boolean.TRUE.equals(e.senderFault()))
                .forEach(e -> retryable.add(e.id()));
        return new BatchResult(result.succeeded(), result.messageIds(), result.failed(), Set.copyOf(retryable));
    }

    /** Receives up to {@code max} messages with all their attributes, long-polling up to {@code wait}. */
    public List<ReceivedMessage> receive(String connection, String url, int max, Duration wait, Duration visibility) {
        var response = traced(
                "ReceiveMessage",
                connection,
                url,
                () -> connections
                        .client(connection)
                        .receiveMessage(b -> b.queueUrl(url)
                                .maxNumberOfMessages(max)
                                .waitTimeSeconds((int) wait.toSeconds())
                                .visibilityTimeout((int) visibility.toSeconds())
                                .messageAttributeNames("All")
                                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                                .overrideConfiguration(o -> o.apiCallAttemptTimeout(wait.plusSeconds(10)))));
        return response.messages().stream()
                .map(m -> new ReceivedMessage(
                        m.messageId(),
                        m.receiptHandle(),
                        m.body(),
                        fromSdk(m.messageAttributes()),
                        Map.copyOf(m.attributesAsStrings())))
                .toList();
    }

    /** Deletes received messages by receipt handle; the map's keys are the caller's entry ids. */
    public BatchResult deleteBatch(String connection, String url, Map<String, String> receiptHandles) {
        var entries = receiptHandles.entrySet().stream()
                .map(e -> DeleteMessageBatchRequestEntry.builder()
                        .id(e.getKey())
                        .receiptHandle(e.getValue())
                        .build())
                .toList();
        var response = traced(
                "DeleteMessageBatch",
                connection,
                url,
                () -> connections
                        .client(connection)
                        .deleteMessageBatch(b -> b.queueUrl(url).entries(entries)));
        return batchResult(response.successful().stream().map(e -> e.id()).toList(), response.failed());
    }

    /** Makes received messages visible again at once: the peek mode's way of putting them back. */
    public BatchResult release(String connection, String url, Map<String, String> receiptHandles) {
        var entries = receiptHandles.entrySet().stream()
                .map(e -> ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(e.getKey())
                        .receiptHandle(e.getValue())
                        .visibilityTimeout(0)
                        .build())
                .toList();
        var response = traced(
                "ChangeMessageVisibilityBatch",
                connection,
                url,
                () -> connections
                        .client(connection)
                        .changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(entries)));
        return batchResult(response.successful().stream().map(e -> e.id()).toList(), response.failed());
    }

    private static BatchResult batchResult(List<String> succeeded, List<BatchResultErrorEntry> failed) {
        return batchResult(succeeded, Map.of(), failed);
    }

    private static BatchResult batchResult(
            List<String> succeeded, Map<String, String> messageIds, List<BatchResultErrorEntry> failed) {
        var errors = new HashMap<String, String>();
        failed.forEach(e -> errors.put(e.id(), e.code() + ": " + e.message()));
        return new BatchResult(new HashSet<>(succeeded), Map.copyOf(messageIds), errors);
    }

    static String nameOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> systemAttributes(
            OutgoingMessage message) {
        if (message.awsTraceHeader() == null) {
            return Map.of();
        }
        return Map.of(
                MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                MessageSystemAttributeValue.builder()
                        .dataType("String")
                        .stringValue(message.awsTraceHeader())
                        .build());
    }

    private static Map<String, MessageAttributeValue> toSdk(Map<String, MessageAttribute> attributes) {
        var sdk = new LinkedHashMap<String, MessageAttributeValue>();
        attributes.forEach((name, a) -> {
            var b = MessageAttributeValue.builder().dataType(a.dataType());
            if (a.binaryValue() != null) {
                b.binaryValue(SdkBytes.fromByteArray(a.binaryValue()));
            } else {
                b.stringValue(a.stringValue());
            }
            sdk.put(name, b.build());
        });
        return sdk;
    }

    private static Map<String, MessageAttribute> fromSdk(Map<String, MessageAttributeValue> attributes) {
        var ours = new LinkedHashMap<String, MessageAttribute>();
        attributes.forEach((name, v) -> ours.put(
                name,
                new MessageAttribute(
                        v.dataType(),
                        v.stringValue(),
                        v.binaryValue() == null ? null : v.binaryValue().asByteArray())));
        return ours;
    }
}
