/** The embedded demo: queues, a producer and a consumer that fails some messages. */
@NullMarked
package dev.dlqconsole.demo;

import org.jspecify.annotations.NullMarked;
