package dev.dlqconsole.cluster;

import dev.dlqconsole.Application;

/**
 * The console as a child process of a test: it stops when the test JVM is gone, however that went
 * (a fork killed by the build tool runs no shutdown hook of its own).
 */
final class ChildConsole {

    private ChildConsole() {}

    static void main(String[] args) {
        long parent = Long.getLong("dlq.parent-pid", -1);
        ProcessHandle.of(parent)
                .ifPresentOrElse(handle -> handle.onExit().thenRun(() -> System.exit(1)), () -> System.exit(1));
        Application.main(args);
    }
}
