package dev.dlqconsole.sqs;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An SQS call that failed as a whole (no such queue, no permission, throttled, unreachable, no answer
 * in time), with what it means for a send: whether the request may have reached SQS anyway.
 */
public class SqsCallException extends RuntimeException {

    /** What a failed call tells about its request. */
    public enum Outcome {
        /** SQS refused it and will refuse it again (no such queue, no permission, a bad request). */
        REFUSED,
        /** It never reached SQS, or SQS turned it away for now (throttled): trying again is safe. */
        NOT_TAKEN,
        /** It left, and no answer says what happened (a timeout, a reset, a 5xx): it may have arrived. */
        UNKNOWN
    }

    private final Outcome outcome;

    public SqsCallException(String operation, String queue, Throwable cause) {
        super(operation + " on " + queue + " failed: " + cause.getMessage(), cause);
        this.outcome = outcomeOf(cause);
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean mayHaveArrived() {
        return outcome == Outcome.UNKNOWN;
    }

    static Outcome outcomeOf(Throwable failure) {
        if (failure instanceof AwsServiceException service) {
            if (service.statusCode() >= 500) {
                return Outcome.UNKNOWN;
            }
            return service.isThrottlingException() ? Outcome.NOT_TAKEN : Outcome.REFUSED;
        }
        if (!(failure instanceof SdkException)) {
            return Outcome.UNKNOWN;
        }
        for (var cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException
                    || cause.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return Outcome.NOT_TAKEN; // no connection was made: nothing was sent
            }
        }
        return Outcome.UNKNOWN;
    }
}
