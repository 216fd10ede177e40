package dev.dlqconsole.replay;

import dev.dlqconsole.cluster.Lease;
import dev.dlqconsole.cluster.Leases;
import java.util.function.Supplier;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The replay executor's writes: each in a transaction that first confirms the job's lease under its
 * fencing token (and locks the lease row until the commit). An instance that lost the lease (a crash,
 * a pause past its expiry) finds out there and changes nothing (docs/decisions/007).
 */
final class Fenced {

    /** The lease is another instance's now (or expired): the write was rolled back, stop working on the job. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(Lease lease) {
            super("lost the lease " + lease.name() + " (generation " + lease.generation() + ")");
        }
    }

    private final TransactionTemplate transaction;
    private final Leases leases;

    Fenced(TransactionTemplate transaction, Leases leases) {
        // Its own transaction always, even when called from an operator's (a cancel gives claims back
        // after its commit): the fence and the writes commit together, and only they.
        this.transaction = new TransactionTemplate(transaction.getTransactionManager());
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.leases = leases;
    }

    <T> T write(Lease lease, Supplier<T> work) {
        return transaction.execute(status -> {
            if (!leases.confirm(lease)) {
                throw new LeaseLost(lease);
            }
            return work.get();
        });
    }

    void run(Lease lease, Runnable work) {
        write(lease, () -> {
            work.run();
            return null;
        });
    }
}
