package dev.dlqconsole.parking;

import java.util.Optional;
import org.springframework.data.repository.Repository;

/**
 * Reads one parked message for its page. Deliberately narrow: rows leave the parking lot only
 * through the audited, conditional statements in {@link ParkingLot}, never a generic delete or save.
 */
interface ParkedMessages extends Repository<ParkedMessage, Long> {

    Optional<ParkedMessage> findById(Long id);
}
