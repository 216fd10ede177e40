package dev.dlqconsole.demo;

import dev.dlqconsole.audit.AuditEntry;
import dev.dlqconsole.audit.AuditLog;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Controls of the demo: the simulated downstream outage that makes valid messages fail. */
@Service
public class DemoService {

    private final ObjectProvider<DemoWorkload> workload;
    private final AuditLog audit;

    DemoService(ObjectProvider<DemoWorkload> workload, AuditLog audit) {
        this.workload = workload;
        this.audit = audit;
    }

    /** Whether the outage is on; empty when the demo is not running. */
    @PreAuthorize("hasRole('VIEWER')")
    public Optional<Boolean> downstreamOutage() {
        return Optional.ofNullable(workload.getIfAvailable()).map(DemoWorkload::downstreamOutage);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public void setDownstreamOutage(boolean down) {
        var demo = workload.getIfAvailable();
        if (demo == null) {
            throw new IllegalStateException("The demo workload is not running (dlq-console.demo.enabled is false)");
        }
        demo.setDownstreamOutage(down);
        audit.recordAlone(AuditEntry.of("demo.outage", "simulated inventory-service outage", null)
                .withDetail(down ? "switched on" : "switched off"));
    }
}
