/** Replay jobs: their ledger, the executor that sends parked messages back, and its safety rules. */
@NullMarked
package dev.dlqconsole.replay;

import org.jspecify.annotations.NullMarked;
