package dev.dlqconsole.parking;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Messages parked per five minutes over a day: {@code buckets[i]} counts those parked from {@code
 * from} plus {@code i} buckets, for five minutes. The last bucket is the current one, still filling.
 */
public record Inflow(Instant from, long[] buckets) {

    public static final Duration BUCKET = Duration.ofMinutes(5);
    public static final int BUCKETS = 288;

    /** The day that ends with the bucket {@code now} falls in. */
    public static Instant dayEndingAt(Instant now) {
        return bucketOf(now).minus(BUCKET.multipliedBy(BUCKETS - 1));
    }

    /** No message parked during the day from {@code from}. */
    public static Inflow none(Instant from) {
        return new Inflow(from, new long[BUCKETS]);
    }

    /** The start of the five minutes (from the epoch, the same in every time zone) that hold the instant. */
    public static Instant bucketOf(Instant at) {
        var seconds = BUCKET.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    public long total() {
        return Arrays.stream(buckets).sum();
    }

    /** The last twelve buckets: the current five minutes and the 55 before. */
    public long lastHour() {
        return Arrays.stream(buckets, buckets.length - 12, buckets.length).sum();
    }

    public Inflow plus(Inflow other) {
        var sum = buckets.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.buckets[i];
        }
        return new Inflow(from, sum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Inflow that && from.equals(that.from) && Arrays.equals(buckets, that.buckets);
    }

    @Override
    public int hashCode() {
        return 31 * from.hashCode() + Arrays.hashCode(buckets);
    }

    @Override
    public String toString() {
        return "Inflow from " + from + ", " + total() + " parked";
    }
}
