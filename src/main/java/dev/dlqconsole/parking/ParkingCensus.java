package dev.dlqconsole.parking;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The parking lot in numbers, for metrics. No role check: it runs on the scheduler, with no user, and
 * tells only counts and ages, never a message.
 */
@Component
public class ParkingCensus {

    private final ParkingLot lot;

    ParkingCensus(ParkingLot lot) {
        this.lot = lot;
    }

    public List<ParkedTally> tallies() {
        return lot.tallies();
    }
}
