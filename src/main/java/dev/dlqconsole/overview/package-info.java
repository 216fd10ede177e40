/** The Overview: every DLQ across connections with its depth and health. */
@NullMarked
package dev.dlqconsole.overview;

import org.jspecify.annotations.NullMarked;
