/**
 * Incidents: an operator works through a runbook, step by step; every action they take meanwhile is
 * recorded against the incident and its current step, and the timeline exports for the postmortem.
 */
@NullMarked
package dev.dlqconsole.incident;

import org.jspecify.annotations.NullMarked;
