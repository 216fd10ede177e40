/** The Notifications admin page: targets with their secrets hidden, rules, deliveries and failures. */
@NullMarked
package dev.dlqconsole.notify.ui;

import org.jspecify.annotations.NullMarked;
