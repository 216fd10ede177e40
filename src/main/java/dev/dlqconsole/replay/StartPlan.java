package dev.dlqconsole.replay;

import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A new job's start (docs/decisions/019): checks the request's time or health URL (only allowed hosts),
 * fills in the deadline, and says it in the words the audit trail keeps.
 */
@Component
class StartPlan {

    private final HealthProbe probe;
    private final HealthCheckProperties properties;
    private final Clock clock;

    StartPlan(HealthProbe probe, HealthCheckProperties properties, Clock clock) {
        this.probe = probe;
        this.properties = properties;
        this.clock = clock;
    }

    ReplayStart of(ReplayRequest.@Nullable StartCondition condition) {
        if (condition == null) {
            return ReplayStart.NOW;
        }
        var now = clock.instant();
        var latest = now.plus(properties.maxWait());
        if (condition.at() != null) {
            if (condition.at().isAfter(latest)) {
                throw new IllegalArgumentException("A replay can be scheduled at most "
                        + properties.maxWait().toDays() + " days ahead");
            }
            return new ReplayStart(condition.at(), null, 0, null, 0, null);
        }
        var url = probe.check(condition.healthUrl());
        var deadline = condition.deadline() == null ? now.plus(properties.defaultDeadline()) : condition.deadline();
        if (!deadline.isAfter(now)) {
            throw new IllegalArgumentException("The deadline has passed already");
        }
        if (deadline.isAfter(latest)) {
            throw new IllegalArgumentException("A replay can wait for its health URL at most "
                    + properties.maxWait().toDays() + " days");
        }
        return new ReplayStart(
                null, url, condition.healthyTimes() == null ? 3 : condition.healthyTimes(), deadline, 0, null);
    }

    /** For the audit trail: when it starts; the health URL by its host only (its path may hold a token). */
    static String describe(ReplayStart start) {
        if (start.at() != null) {
            return "; scheduled for " + start.at();
        }
        if (start.healthUrl() != null) {
            return "; starts when " + start.healthHost() + " answers 2xx " + start.healthyTimes()
                    + " times in a row, gives up at " + start.deadline();
        }
        return "";
    }
}
