package dev.dlqconsole.sqs;

/** An SQS call that failed as a whole (no such queue, no permission, throttled, unreachable). */
public class SqsCallException extends RuntimeException {

    public SqsCallException(String operation, String queue, Throwable cause) {
        super(operation + " on " + queue + " failed: " + cause.getMessage(), cause);
    }
}
