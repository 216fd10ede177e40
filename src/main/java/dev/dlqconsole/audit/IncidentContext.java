package dev.dlqconsole.audit;

import java.util.Optional;

/**
 * Which incident a user is working on, so their actions are recorded against it and its current
 * step. The incident feature provides it; without one, actions are recorded without an incident.
 */
public interface IncidentContext {

    Optional<IncidentRef> activeFor(String username);
}
