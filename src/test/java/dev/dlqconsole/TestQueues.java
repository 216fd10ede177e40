package dev.dlqconsole;

import dev.dlqconsole.sqs.SqsGateway;
import java.util.HashMap;
import java.util.UUID;

/** A fresh source queue and its DLQ on the embedded SQS server, named uniquely for one test. */
public record TestQueues(String sourceName, String sourceUrl, String dlqName, String dlqUrl) {

    public static TestQueues create(SqsGateway sqs, String prefix, boolean fifo) {
        var name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        var suffix = fifo ? ".fifo" : "";
        var attributes = new HashMap<String, String>();
        if (fifo) {
            attributes.put("FifoQueue", "true");
        }
        var dlqUrl = sqs.createQueue("embedded", name + "-dlq" + suffix, attributes);
        var arn = sqs.describe("embedded", dlqUrl).arn();
        // The redrive policy goes in at creation: ElasticMQ does not learn one set later.
        attributes.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"3\"}");
        var sourceUrl = sqs.createQueue("embedded", name + suffix, attributes);
        return new TestQueues(name + suffix, sourceUrl, name + "-dlq" + suffix, dlqUrl);
    }
}
