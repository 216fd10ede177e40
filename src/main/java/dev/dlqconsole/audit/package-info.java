/**
 * The audit trail: every state-changing action, denied attempt and login, append-only and
 * hash-chained, written in the transaction of the action it records; and its verification.
 */
@NullMarked
package dev.dlqconsole.audit;

import org.jspecify.annotations.NullMarked;
