package dev.dlqconsole.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.sqs.DeadLetterQueue.SourceQueue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterQueueTest {

    @Test
    void warns_about_sources_that_keep_messages_at_least_as_long_as_the_dlq() {
        var dlq = dlq(
                Duration.ofDays(4),
                source("same", Duration.ofDays(4)),
                source("longer", Duration.ofDays(14)),
                source("shorter", Duration.ofDays(1)));

        assertThat(dlq.sourcesOutlivingRetention())
                .extracting(SourceQueue::name)
                .containsExactly("same", "longer");
    }

    @Test
    void says_nothing_when_a_retention_is_not_reported() {
        assertThat(dlq(null, source("a", Duration.ofDays(14))).sourcesOutlivingRetention())
                .isEmpty();
        assertThat(dlq(Duration.ofDays(1), source("b", null)).sourcesOutlivingRetention())
                .isEmpty();
    }

    @Test
    void a_fifo_dlq_is_known_by_its_name() {
        assertThat(new DeadLetterQueue("c", "payments-dlq.fifo", "u", "a", List.of(), 0, 0, null).fifo())
                .isTrue();
        assertThat(new DeadLetterQueue("c", "orders-dlq", "u", "a", List.of(), 0, 0, null).fifo())
                .isFalse();
    }

    private static DeadLetterQueue dlq(Duration retention, SourceQueue... sources) {
        return new DeadLetterQueue("c", "dlq", "url", "arn", List.of(sources), 0, 0, retention);
    }

    private static SourceQueue source(String name, Duration retention) {
        return new SourceQueue(name, "url-" + name, "arn-" + name, 3, retention);
    }
}
