/** Trace context: reading it from messages, linking to the trace UI, and the console's own spans. */
@NullMarked
package dev.dlqconsole.tracing;

import org.jspecify.annotations.NullMarked;
