/** The Runbooks and Runbook views, and the runbook links other views show beside a failure. */
@NullMarked
package dev.dlqconsole.runbook.ui;

import org.jspecify.annotations.NullMarked;
