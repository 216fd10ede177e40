package dev.dlqconsole.demo;

import dev.dlqconsole.demo.DemoMessages.DemoFailure;
import dev.dlqconsole.demo.DemoQueue.DeadLettering;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.ReceivedMessage;
import dev.dlqconsole.sqs.SqsGateway;
import dev.dlqconsole.tracing.Telemetry;
import dev.dlqconsole.tracing.TraceContextReader;
import dev.dlqconsole.tracing.TraceReading;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A small shop on the embedded SQS: producers publish orders, payments, notifications and shipments
 * with real trace context, and consumers fail a share of them so the DLQs fill up. Some consumers
 * dead-letter a message themselves with {@code error-type} and {@code error-message} attributes,
 * others leave it to SQS's redrive, as real fleets do.
 */
@Component
@ConditionalOnBooleanProperty("dlq-console.demo.enabled")
public class DemoWorkload {

    private static final Logger log = LoggerFactory.getLogger(DemoWorkload.class);
    private static final int SQS_ATTRIBUTE_LIMIT = 10;

    private final SqsGateway sqs;
    private final TraceContextReader traces;
    private final DemoProperties properties;
    private final String connection;
    private final Map<String, String> urls = new ConcurrentHashMap<>();
    private final Map<String, OpenTelemetry> services = new ConcurrentHashMap<>();
    private final AtomicBoolean downstreamOutage = new AtomicBoolean(true);
    private final DemoMessages messages = new DemoMessages(ThreadLocalRandom.current());
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        var thread = new Thread(r, "demo-workload");
        thread.setDaemon(true);
        return thread;
    });

    DemoWorkload(SqsGateway sqs, DemoProperties properties, Telemetry telemetry, TraceContextReader traces) {
        this.sqs = sqs;
        this.traces = traces;
        this.properties = properties;
        this.connection = properties.connection();
        createQueues();
        for (var queue : DemoQueue.ALL) {
            services.computeIfAbsent(queue.producerService(), telemetry::forService);
            services.computeIfAbsent(queue.consumerService(), telemetry::forService);
        }
    }

    /** Whether the simulated inventory-service is down (half of all valid messages then time out). */
    public boolean downstreamOutage() {
        return downstreamOutage.get();
    }

    public void setDownstreamOutage(boolean down) {
        downstreamOutage.set(down);
        log.info("Demo downstream outage is now {}", down ? "ON" : "OFF");
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        sendAwkwardMessages();
        var interval = properties.producerInterval().toMillis();
        executor.scheduleWithFixedDelay(this::produceSafely, 0, interval, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::consumeSafely, 200, 250, TimeUnit.MILLISECONDS);
        log.info("Demo workload started: {} queues, a message batch every {} ms", DemoQueue.ALL.size(), interval);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private void createQueues() {
        var dlqArns = new HashMap<String, String>();
        for (var queue : DemoQueue.ALL) {
            var dlq = queue.deadLetterQueue();
            if (!dlqArns.containsKey(dlq)) {
                var attributes = new HashMap<String, String>();
                attributes.put("MessageRetentionPeriod", dlq.startsWith("notifications") ? "604800" : "1209600");
                if (dlq.endsWith(".fifo")) {
                    attributes.put("FifoQueue", "true");
                }
                var url = sqs.createQueue(connection, dlq, attributes);
                urls.put(dlq, url);
                dlqArns.put(dlq, sqs.describe(connection, url).arn());
            }
            var attributes = new HashMap<String, String>();
            attributes.put(
                    "MessageRetentionPeriod", Long.toString(queue.retention().toSeconds()));
            attributes.put(
                    "VisibilityTimeout", Long.toString(properties.retryDelay().toSeconds()));
            // The redrive policy must be given at creation: ElasticMQ does not learn one set later.
            attributes.put(
                    "RedrivePolicy",
                    "{\"deadLetterTargetArn\":\"" + dlqArns.get(dlq) + "\",\"maxReceiveCount\":\""
                            + queue.maxReceiveCount() + "\"}");
            if (queue.fifo()) {
                attributes.put("FifoQueue", "true");
            }
            urls.put(queue.name(), sqs.createQueue(connection, queue.name(), attributes));
        }
    }

    private void produceSafely() {
        try {
            for (var queue : DemoQueue.ALL) {
                for (int i = 0; i < properties.messagesPerTick(); i++) {
                    var defective = ThreadLocalRandom.current().nextDouble() < properties.failureShare();
                    publish(queue, messages.body(queue, defective), new LinkedHashMap<>());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Demo producer failed: {}", e.toString());
        }
    }

    private void publish(DemoQueue queue, String body, Map<String, MessageAttribute> extraAttributes) {
        var tracer = services.get(queue.producerService()).getTracer("demo");
        var request = tracer.spanBuilder("POST /api/" + queue.name().replace(".fifo", ""))
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        try (var ignored = request.makeCurrent()) {
            var publish = tracer.spanBuilder(queue.name() + " publish")
                    .setSpanKind(SpanKind.PRODUCER)
                    .setAttribute("messaging.system", "aws_sqs")
                    .setAttribute("messaging.destination.name", queue.name())
                    .startSpan();
            try (var scope = publish.makeCurrent()) {
                var carrier = new LinkedHashMap<String, String>();
                // Most services speak W3C; the older shipping fleet still runs Jaeger clients, and the
                // notification path is instrumented with X-Ray, which travels as a system attribute.
                String xray = null;
                if (queue.name().startsWith("notifications")) {
                    var context = publish.getSpanContext();
                    xray = "Root=1-" + context.getTraceId().substring(0, 8) + "-"
                            + context.getTraceId().substring(8) + ";Parent=" + context.getSpanId() + ";Sampled=1";
                } else {
                    TextMapPropagator propagator = queue.name().startsWith("shipping")
                            ? JaegerPropagator.getInstance()
                            : W3CTraceContextPropagator.getInstance();
                    propagator.inject(Context.current(), carrier, Map::put);
                }
                var attributes = new LinkedHashMap<String, MessageAttribute>();
                attributes.put("content-type", MessageAttribute.string("application/json"));
                carrier.forEach((k, v) -> attributes.put(k, MessageAttribute.string(v)));
                attributes.putAll(extraAttributes);
                var groupId =
                        queue.fifo() ? "customer-" + ThreadLocalRandom.current().nextInt(1, 4) : null;
                var dedupId = queue.fifo() ? java.util.UUID.randomUUID().toString() : null;
                var messageId = sqs.send(
                        connection,
                        urls.get(queue.name()),
                        new OutgoingMessage("0", body, attributes, groupId, dedupId));
                publish.setAttribute("messaging.message.id", messageId);
            } finally {
                publish.end();
            }
        } finally {
            request.end();
        }
    }

    private void consumeSafely() {
        for (var queue : DemoQueue.ALL) {
            try {
                var received =
                        sqs.receive(connection, urls.get(queue.name()), 10, Duration.ZERO, properties.retryDelay());
                received.forEach(message -> consume(queue, message));
            } catch (RuntimeException e) {
                log.warn("Demo consumer of {} failed: {}", queue.name(), e.toString());
            }
        }
    }

    private void consume(DemoQueue queue, ReceivedMessage message) {
        var tracer = services.get(queue.consumerService()).getTracer("demo");
        var parent = parentOf(message);
        var span = tracer.spanBuilder(queue.name() + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "aws_sqs")
                .setAttribute("messaging.message.id", message.messageId())
                .startSpan();
        try (var ignored = span.makeCurrent()) {
            var failure =
                    DemoMessages.verdict(queue, message.body(), downstreamOutage.get(), ThreadLocalRandom.current());
            if (failure == null) {
                sqs.deleteBatch(connection, urls.get(queue.name()), Map.of("0", message.receiptHandle()));
                return;
            }
            span.setStatus(StatusCode.ERROR, failure.message());
            span.recordException(new RuntimeException(failure.type() + ": " + failure.message()));
            var receiveCount =
                    Integer.parseInt(message.systemAttributes().getOrDefault("ApproximateReceiveCount", "1"));
            if (queue.deadLettering() == DeadLettering.CONSUMER_WITH_ERROR_ATTRIBUTES
                    && receiveCount >= queue.maxReceiveCount()) {
                deadLetter(queue, message, failure);
            }
            // Otherwise the message becomes visible again after the retry delay, and SQS redrives it
            // to the DLQ after maxReceiveCount receives.
        } finally {
            span.end();
        }
    }

    private void deadLetter(DemoQueue queue, ReceivedMessage message, DemoFailure failure) {
        var attributes = new LinkedHashMap<>(message.attributes());
        addIfRoom(attributes, "error-type", failure.type());
        addIfRoom(attributes, "error-message", failure.message());
        addIfRoom(attributes, "failed-by", queue.consumerService());
        var groupId = message.systemAttributes().get("MessageGroupId");
        var dedupId = queue.fifo() ? message.messageId() : null;
        sqs.send(
                connection,
                urls.get(queue.deadLetterQueue()),
                new OutgoingMessage(
                        "0",
                        message.body(),
                        attributes,
                        groupId,
                        dedupId,
                        message.systemAttributes().get("AWSTraceHeader")));
        sqs.deleteBatch(connection, urls.get(queue.name()), Map.of("0", message.receiptHandle()));
    }

    private static void addIfRoom(Map<String, MessageAttribute> attributes, String name, String value) {
        if (attributes.size() < SQS_ATTRIBUTE_LIMIT) {
            attributes.put(name, MessageAttribute.string(value));
        }
    }

    /** The awkward cases an operator meets in real DLQs, sent once at start. */
    private void sendAwkwardMessages() {
        var orders = DemoQueue.ALL.getFirst();
        publish(orders, "<img src=x onerror=alert(1)><script>alert('dlq-console')</script>", Map.of());
        // Just under SQS's 1 MiB limit, which counts the attributes too.
        var prefix = "{\"type\":\"OrderPlaced\",\"orderId\":\"ord-big\",\"notes\":\"";
        publish(orders, prefix + "x".repeat(1_048_000 - prefix.length() - 2) + "\"}", Map.of());
        var bytes = new byte[512];
        ThreadLocalRandom.current().nextBytes(bytes);
        publish(
                orders,
                java.util.Base64.getEncoder().encodeToString(bytes),
                Map.of(
                        "content-type", MessageAttribute.string("application/octet-stream"),
                        "signature", MessageAttribute.binary(java.util.Arrays.copyOf(bytes, 32))));
        publish(orders, "   \n\t  ", Map.of());
        // A producer with a broken tracing library: the header is there, but nobody can read it.
        publish(
                orders,
                messages.body(orders, true),
                Map.of("traceparent", MessageAttribute.string("00-xyz-garbage-01")));
        var crowded = new LinkedHashMap<String, MessageAttribute>();
        for (int i = crowded.size(); i < 7; i++) {
            crowded.put("x-custom-" + i, MessageAttribute.string("value " + i));
        }
        crowded.put("x-retry-budget", MessageAttribute.number(0));
        // shipping-eu is redriven by SQS itself, so the message arrives with all 10 attributes.
        publish(DemoQueue.ALL.get(3), messages.body(DemoQueue.ALL.get(3), true), crowded);
    }

    /** The producer's span, whichever header carried it, so the consumer's span joins its trace. */
    private Context parentOf(ReceivedMessage message) {
        var strings = new LinkedHashMap<String, String>();
        message.attributes().forEach((name, value) -> {
            if (value.stringValue() != null) {
                strings.put(name, value.stringValue());
            }
        });
        if (traces.read(strings, message.systemAttributes()) instanceof TraceReading.Found found
                && found.context().spanId() != null) {
            var remote = SpanContext.createFromRemoteParent(
                    found.context().traceId(),
                    found.context().spanId(),
                    found.context().sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(),
                    TraceState.getDefault());
            return Context.root().with(Span.wrap(remote));
        }
        return Context.root();
    }
}
