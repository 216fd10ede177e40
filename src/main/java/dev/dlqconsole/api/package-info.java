/**
 * The REST API under /api for automation: the same DLQs, messages, replays and audit trail as the
 * UI, through the same services and roles. Its contract is generated from the controllers and their
 * records ({@link dev.dlqconsole.api.ApiContract}) and served at /api/openapi.yaml.
 */
@NullMarked
package dev.dlqconsole.api;

import org.jspecify.annotations.NullMarked;
