package dev.dlqconsole;

import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * A consumer of a test's source queue whose health the test switches: for the n-th message it
 * receives (counted from 1) {@code fails} says whether it fails, and a failed message goes to the DLQ
 * with an error attribute, as SQS's redrive would move it. It keeps every replay id it received, so a
 * test can say each message arrived once.
 */
public final class SwitchableConsumer implements AutoCloseable {

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final List<String> replayIds = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> distinct = new ConcurrentHashMap<>();
    private volatile IntPredicate fails;

    public SwitchableConsumer(SqsGateway sqs, TestQueues queues, String error, IntPredicate fails) {
        this.fails = fails;
        thread.scheduleWithFixedDelay(
                () -> {
                    var batch = sqs.receive("embedded", queues.sourceUrl(), 10, Duration.ZERO, Duration.ofSeconds(30));
                    for (var m : batch) {
                        var id = m.attributes().get("dlq-replay-id");
                        var replayId = id == null ? "" : id.stringValue();
                        replayIds.add(replayId);
                        distinct.put(replayId, true);
                        if (this.fails.test(replayIds.size())) {
                            var attributes = new LinkedHashMap<>(m.attributes());
                            attributes.put("error-message", MessageAttribute.string(error));
                            sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of(m.body(), attributes));
                        }
                        sqs.deleteBatch("embedded", queues.sourceUrl(), Map.of("0", m.receiptHandle()));
                    }
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
    }

    public void switchTo(IntPredicate fails) {
        this.fails = fails;
    }

    public int received() {
        return replayIds.size();
    }

    public int distinctReceived() {
        return distinct.size();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
