/** The parking lot: messages drained from DLQs, what was extracted from them, and how to find them. */
@NullMarked
package dev.dlqconsole.parking;

import org.jspecify.annotations.NullMarked;
