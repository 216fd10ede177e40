/** The replay dialog and the Replay jobs view. */
@NullMarked
package dev.dlqconsole.replay.ui;

import org.jspecify.annotations.NullMarked;
