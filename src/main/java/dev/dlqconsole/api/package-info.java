/**
 * The REST API under /api for automation: the same DLQs, messages, replays and audit trail as the
 * UI, through the same services and roles. Its contract is {@code src/main/resources/api/openapi.yaml},
 * served at /api/openapi.yaml.
 */
@NullMarked
package dev.dlqconsole.api;

import org.jspecify.annotations.NullMarked;
