/**
 * Notifications: events (a new failure group, a DLQ over its inflow threshold or past its oldest age,
 * a replay paused, finished, failed or awaiting approval) written to an outbox in the transaction of
 * the change, and delivered to Slack or signed JSON webhooks by the instance holding the lease.
 */
@NullMarked
package dev.dlqconsole.notify;

import org.jspecify.annotations.NullMarked;
