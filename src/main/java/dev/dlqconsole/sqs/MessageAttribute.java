package dev.dlqconsole.sqs;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One SQS message attribute: a data type ({@code String}, {@code Number}, {@code Binary}, or one of
 * those with a custom suffix) and either a string or a binary value.
 */
public record MessageAttribute(String dataType, @Nullable String stringValue, byte @Nullable [] binaryValue) {

    public static MessageAttribute string(String value) {
        return new MessageAttribute("String", value, null);
    }

    public static MessageAttribute number(long value) {
        return new MessageAttribute("Number", Long.toString(value), null);
    }

    public static MessageAttribute binary(byte[] value) {
        return new MessageAttribute("Binary", null, value.clone());
    }

    public boolean isBinary() {
        return dataType.startsWith("Binary");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageAttribute that
                && dataType.equals(that.dataType)
                && Objects.equals(stringValue, that.stringValue)
                && Arrays.equals(binaryValue, that.binaryValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataType, stringValue, Arrays.hashCode(binaryValue));
    }

    @Override
    public String toString() {
        return isBinary()
                ? dataType + "[" + (binaryValue == null ? 0 : binaryValue.length) + " bytes]"
                : dataType + ":" + stringValue;
    }
}
