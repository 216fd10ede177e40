package dev.dlqconsole.parking;

import dev.dlqconsole.sqs.ReceivedMessage;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The points where parking can fail in ways that matter for "nothing lost, nothing twice": after the
 * commit and before the delete, and in the delete itself. They do nothing in the console; tests
 * replace this bean to crash the parker or corrupt deletes there.
 */
@Component
class ParkingFaults {

    void afterCommit(List<ReceivedMessage> batch) {}

    String receiptHandleToDelete(String receiptHandle) {
        return receiptHandle;
    }
}
