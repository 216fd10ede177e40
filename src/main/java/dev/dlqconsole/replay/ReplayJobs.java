package dev.dlqconsole.replay;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface ReplayJobs extends JpaRepository<ReplayJob, Long> {

    List<ReplayJob> findByStatusOrderByIdAsc(ReplayStatus status);

    List<ReplayJob> findAllByOrderByIdDesc(Limit limit);

    List<ReplayJob> findByStatusAndFinishedAtAfter(ReplayStatus status, Instant after);
}
