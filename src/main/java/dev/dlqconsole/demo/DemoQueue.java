package dev.dlqconsole.demo;

import java.time.Duration;
import java.util.List;

/** One of the demo's source queues, the DLQ it redrives to, and the service that feeds it. */
record DemoQueue(
        String name,
        String deadLetterQueue,
        String producerService,
        String consumerService,
        int maxReceiveCount,
        Duration retention,
        DeadLettering deadLettering) {

    /** How failed messages reach the DLQ: SQS's own redrive, or the consumer sending them with the error. */
    enum DeadLettering {
        SQS_REDRIVE,
        CONSUMER_WITH_ERROR_ATTRIBUTES
    }

    boolean fifo() {
        return name.endsWith(".fifo");
    }

    static final List<DemoQueue> ALL = List.of(
            new DemoQueue(
                    "orders",
                    "orders-dlq",
                    "checkout-api",
                    "order-service",
                    3,
                    Duration.ofDays(4),
                    DeadLettering.CONSUMER_WITH_ERROR_ATTRIBUTES),
            new DemoQueue(
                    "payments.fifo",
                    "payments-dlq.fifo",
                    "order-service",
                    "payment-service",
                    3,
                    Duration.ofDays(4),
                    DeadLettering.CONSUMER_WITH_ERROR_ATTRIBUTES),
            // Longer retention than its DLQ on purpose: the Overview warns about it.
            new DemoQueue(
                    "notifications",
                    "notifications-dlq",
                    "order-service",
                    "notification-service",
                    2,
                    Duration.ofDays(14),
                    DeadLettering.CONSUMER_WITH_ERROR_ATTRIBUTES),
            new DemoQueue(
                    "shipping-eu",
                    "shipping-dlq",
                    "order-service",
                    "shipping-eu-worker",
                    3,
                    Duration.ofDays(4),
                    DeadLettering.SQS_REDRIVE),
            new DemoQueue(
                    "shipping-us",
                    "shipping-dlq",
                    "order-service",
                    "shipping-us-worker",
                    3,
                    Duration.ofDays(4),
                    DeadLettering.SQS_REDRIVE));
}
