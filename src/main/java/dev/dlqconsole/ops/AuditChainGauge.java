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

    /**
     * Also broken when the chain's head no longer reaches the newest event this instance saw (one
     * primary-key read per scrape): a cut-off tail shows at the next scrape, not the next walk.
     */
    @Override
    public Verdict verdict() {
        if (!audit.reachesAnchor()) {
            return Verdict.BROKEN;
        }
        return audit.lastVerification()
                .map(v -> v.intact() ? Verdict.INTACT : Verdict.BROKEN)
                .orElse(Verdict.UNKNOWN);
    }

    @Override
    public double headEventId() {
        return audit.headEventId();
    }
}
