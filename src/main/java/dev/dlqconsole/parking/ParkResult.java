package dev.dlqconsole.parking;

/** What one drain of a DLQ did: messages received, rows that were new, and deletes SQS refused. */
public record ParkResult(String dlq, int received, int parked, int deleteFailures) {

    static ParkResult empty(String dlq) {
        return new ParkResult(dlq, 0, 0, 0);
    }

    ParkResult plus(ParkResult other) {
        return new ParkResult(
                dlq, received + other.received, parked + other.parked, deleteFailures + other.deleteFailures);
    }
}
