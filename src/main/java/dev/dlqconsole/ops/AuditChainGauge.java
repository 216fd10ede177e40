package dev.dlqconsole.ops;

import dev.dlqconsole.audit.AuditLog;
import org.springframework.stereotype.Component;

/** The audit chain's state for the metrics: the newest verification's verdict, scheduled or by an admin. */
@Component
class AuditChainGauge implements AuditChainStatus {

    private final AuditLog audit;

    AuditChainGauge(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public Verdict verdict() {
        return audit.lastVerification()
                .map(v -> v.intact() ? Verdict.INTACT : Verdict.BROKEN)
                .orElse(Verdict.UNKNOWN);
    }
}
