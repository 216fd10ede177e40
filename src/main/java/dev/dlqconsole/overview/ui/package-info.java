/** The Overview view. */
@NullMarked
package dev.dlqconsole.overview.ui;

import org.jspecify.annotations.NullMarked;
