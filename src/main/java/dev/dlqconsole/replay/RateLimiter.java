package dev.dlqconsole.replay;

/** A token bucket: at most {@code perSecond} permits a second, with a burst of one second's worth. */
final class RateLimiter {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long last = System.nanoTime();

    RateLimiter(int perSecond) {
        this.perSecond = perSecond;
        this.capacity = Math.max(perSecond, 10);
        this.tokens = Math.min(perSecond, 10);
    }

    synchronized void acquire(int permits) throws InterruptedException {
        while (true) {
            var now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= permits) {
                tokens -= permits;
                return;
            }
            var waitNanos = (long) ((permits - tokens) / perSecond * 1e9);
            Thread.sleep(Math.max(1, waitNanos / 1_000_000), (int) (waitNanos % 1_000_000));
        }
    }
}
