package dev.dlqconsole.sqs;

/** A connection name that no configured SQS connection has. */
public class UnknownConnectionException extends IllegalArgumentException {

    public UnknownConnectionException(String name) {
        super("No SQS connection is named '" + name + "'");
    }
}
