package dev.dlqconsole.replay;

/**
 * Where a replayed message goes: a queue on one connection, never a queue name alone, since two
 * accounts may both have an {@code orders} queue. Written {@code connection/queue}.
 */
public record ReplayTarget(String connection, String queue) {

    public boolean fifo() {
        return queue.endsWith(".fifo");
    }

    @Override
    public String toString() {
        return connection + "/" + queue;
    }
}
