/**
 * Runbooks served from {@code runbooks/*.md}: parsing their front matter and numbered steps, rendering them to
 * safe HTML, and which runbooks apply to a DLQ or a failure.
 */
@NullMarked
package dev.dlqconsole.runbook;

import org.jspecify.annotations.NullMarked;
