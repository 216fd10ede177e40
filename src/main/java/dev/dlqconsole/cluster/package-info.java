/**
 * Several console instances on one database: leases that let exactly one instance at a time park a
 * DLQ, run a replay job or run a scheduled check, and hand the work over when an instance dies.
 */
@NullMarked
package dev.dlqconsole.cluster;

import org.jspecify.annotations.NullMarked;
