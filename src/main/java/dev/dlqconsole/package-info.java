/** DLQ Console: an operations console for SQS dead-letter queues. */
@NullMarked
package dev.dlqconsole;

import org.jspecify.annotations.NullMarked;
