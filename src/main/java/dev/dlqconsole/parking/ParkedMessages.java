package dev.dlqconsole.parking;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ParkedMessages extends JpaRepository<ParkedMessage, Long> {

    List<ParkedMessage> findByIdIn(Collection<Long> ids);
}
