/** SQS connections, discovery of dead-letter queues and the gateway that is the only code touching SqsClient. */
@NullMarked
package dev.dlqconsole.sqs;

import org.jspecify.annotations.NullMarked;
