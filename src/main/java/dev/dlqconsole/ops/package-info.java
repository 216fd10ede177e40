/** Running the console in production: health of its SQS connections, Prometheus gauges, trace ids in JSON logs. */
@NullMarked
package dev.dlqconsole.ops;

import org.jspecify.annotations.NullMarked;
