package dev.dlqconsole;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the benchmarks share: their database (a durable H2 file under target/benchmark, as the
 * embedded default runs, or a fresh schema on the local PostgreSQL with {@code -Ppostgres}), timing
 * with percentiles, peak heap, and one way to print a figure beside its baseline.
 */
public final class Benchmarks {

    private Benchmarks() {}

    public static void database(DynamicPropertyRegistry registry, String name) {
        if (TestDatabase.postgres()) {
            // -Dbench.schema=NAME: a schema kept between runs (SearchBenchmark then builds its million once).
            var kept = System.getProperty("bench.schema");
            if (kept != null && !kept.isBlank()) {
                TestDatabase.register(registry, kept);
            } else {
                TestDatabase.register(registry);
            }
            registry.add("spring.datasource.hikari.maximum-pool-size", () -> "16");
            // This machine's PostgreSQL runs without autovacuum, so tables that start empty are never
            // analysed and a prepared statement keeps the generic plan it got for an empty table (a
            // scan) while the table grows. A production server analyses as tables grow, which
            // replaces those plans; planning each statement for its values stands in for that here.
            registry.add(
                    "spring.datasource.hikari.connection-init-sql", () -> "SET plan_cache_mode = force_custom_plan");
            return;
        }
        var file = "./target/benchmark/" + name + "-" + UUID.randomUUID();
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:file:" + file
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;CACHE_SIZE=65536");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "16");
    }

    public static String databaseName() {
        return TestDatabase.postgres() ? "PostgreSQL 15 (another process)" : "H2 file, WRITE_DELAY=0 (same JVM)";
    }

    /** Nanoseconds of each of {@code runs} calls, after a few to warm up. */
    public static long[] time(int runs, Callable<?> call) throws Exception {
        for (int i = 0; i < Math.min(5, runs); i++) {
            call.call();
        }
        var nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            call.call();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    public static double percentileMs(long[] nanos, int percentile) {
        var sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** The used heap now, after a full collection. */
    public static long heapAfterGc() {
        System.gc();
        var memory = ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Starts recording the heap's peak from now. */
    public static void resetHeapPeak() {
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The heap's peak since {@link #resetHeapPeak()}, summed over its pools (an upper bound). */
    public static long heapPeak() {
        long peak = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** The old generation's peak since {@link #resetHeapPeak()}: what survived young collections. */
    public static long oldGenPeak() {
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP
                    && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                return pool.getPeakUsage().getUsed();
            }
        }
        return heapPeak();
    }

    /** The old generation's use now. */
    public static long oldGenUsed() {
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP
                    && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                return pool.getUsage().getUsed();
            }
        }
        return heapAfterGc();
    }

    public static String mib(long bytes) {
        return String.format("%,.0f MiB", bytes / (1024.0 * 1024));
    }

    /** One row of a printed table: what, the figure, its baseline, and the target it is held to. */
    public record Row(String measure, String figure, String baseline, String ratio, String target) {}

    public static void print(String title, List<Row> rows) {
        var lines = new ArrayList<String>();
        lines.add("");
        lines.add(title);
        lines.add(String.format(
                "  %-62s | %-30s | %-30s | %-8s | %s", "measure", "figure", "baseline", "ratio", "target"));
        for (var row : rows) {
            lines.add(String.format(
                    "  %-62s | %-30s | %-30s | %-8s | %s",
                    row.measure(), row.figure(), row.baseline(), row.ratio(), row.target()));
        }
        lines.add("");
        System.out.println(String.join(System.lineSeparator(), lines));
    }
}
