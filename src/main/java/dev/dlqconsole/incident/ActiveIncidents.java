package dev.dlqconsole.incident;

import dev.dlqconsole.audit.IncidentContext;
import dev.dlqconsole.audit.IncidentRef;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tells the audit trail which incident, and which step of it, a user's action belongs to. */
@Component
class ActiveIncidents implements IncidentContext {

    private final Incidents incidents;

    ActiveIncidents(Incidents incidents) {
        this.incidents = incidents;
    }

    @Override
    public Optional<IncidentRef> activeFor(String username) {
        return incidents.activeFor(username);
    }
}
