package dev.dlqconsole.ops;

/**
 * Whether the audit trail's hash chain verifies, for the gauge {@code dlq_console_audit_chain_ok}
 * (1 intact, 0 broken, NaN unknown). The audit feature provides it as a bean; while there is none,
 * the gauge reads {@link #UNKNOWN}. Read on every scrape: answer from the last verification rather
 * than verifying here.
 */
@FunctionalInterface
public interface AuditChainStatus {

    AuditChainStatus UNKNOWN = () -> Verdict.UNKNOWN;

    Verdict verdict();

    /** The id of the chain's newest event as its head says now; NaN when unknown. */
    default double headEventId() {
        return Double.NaN;
    }

    enum Verdict {
        INTACT(1),
        BROKEN(0),
        UNKNOWN(Double.NaN);

        private final double gauge;

        Verdict(double gauge) {
            this.gauge = gauge;
        }

        public double gauge() {
            return gauge;
        }
    }
}
