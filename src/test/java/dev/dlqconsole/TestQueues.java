package dev.dlqconsole;

import static org.awaitility.Awaitility.await;

import dev.dlqconsole.sqs.ReceivedMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

/** A fresh source queue and its DLQ on the embedded SQS server, named uniquely for one test. */
public record TestQueues(String sourceName, String sourceUrl, String dlqName, String dlqUrl) {

    public static TestQueues create(SqsGateway sqs, String prefix, boolean fifo) {
        return create(sqs, "embedded", prefix, fifo);
    }

    /** The same on another connection. */
    public static TestQueues create(SqsGateway sqs, String connection, String prefix, boolean fifo) {
        return named(
                sqs, connection, prefix + "-" + UUID.randomUUID().toString().substring(0, 6), fifo);
    }

    /** A source queue {@code name} and its DLQ {@code name-dlq}: two accounts may both hold them. */
    public static TestQueues named(SqsGateway sqs, String connection, String name, boolean fifo) {
        var suffix = fifo ? ".fifo" : "";
        var attributes = new HashMap<String, String>();
        if (fifo) {
            attributes.put("FifoQueue", "true");
        }
        var dlqUrl = sqs.createQueue(connection, name + "-dlq" + suffix, attributes);
        var arn = sqs.describe(connection, dlqUrl).arn();
        // The redrive policy goes in at creation: ElasticMQ does not learn one set later.
        attributes.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"3\"}");
        var sourceUrl = sqs.createQueue(connection, name + suffix, attributes);
        return new TestQueues(name + suffix, sourceUrl, name + "-dlq" + suffix, dlqUrl);
    }

    /**
     * Receives and deletes from the queue until at least {@code expected} messages came and the queue
     * answers empty; returns them all (more than expected when something arrived twice).
     */
    public static List<ReceivedMessage> drain(SqsGateway sqs, String connection, String url, int expected) {
        var received = new ArrayList<ReceivedMessage>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var batch = sqs.receive(connection, url, 10, Duration.ZERO, Duration.ofSeconds(60));
            received.addAll(batch);
            if (!batch.isEmpty()) {
                var handles = new HashMap<String, String>();
                for (int i = 0; i < batch.size(); i++) {
                    handles.put(Integer.toString(i), batch.get(i).receiptHandle());
                }
                sqs.deleteBatch(connection, url, handles);
            }
            return received.size() >= expected && batch.isEmpty();
        });
        return received;
    }
}
