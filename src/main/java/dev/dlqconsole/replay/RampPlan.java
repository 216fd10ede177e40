package dev.dlqconsole.replay;

import java.util.List;

/** A new job's ramp: the request's own steps and threshold, or the configured ones. */
final class RampPlan {

    private RampPlan() {}

    static List<Integer> steps(ReplayRequest request, ReplayProperties properties) {
        var own = request.ramp() == null ? null : request.ramp().steps();
        return own == null ? properties.rampSteps() : own;
    }

    static int threshold(ReplayRequest request, ReplayProperties properties) {
        var own = request.ramp() == null ? null : request.ramp().threshold();
        return own == null ? properties.rampThreshold() : own;
    }

    static String describe(List<Integer> steps, int threshold) {
        return String.join("/", steps.stream().map(p -> p + "%").toList()) + ", pausing above " + threshold + "% back";
    }
}
