/** The Audit view: search the trail and verify its chain. */
@NullMarked
package dev.dlqconsole.audit.ui;

import org.jspecify.annotations.NullMarked;
