/** The incident list, starting an incident from a runbook, and the incident page with its timeline. */
@NullMarked
package dev.dlqconsole.incident.ui;

import org.jspecify.annotations.NullMarked;
