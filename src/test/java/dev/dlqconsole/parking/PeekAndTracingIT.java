package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import dev.dlqconsole.tracing.Telemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A second connection to the same SQS server in peek mode (an account where the console may not
 * delete), and the console's own spans for parking, caught by an in-memory exporter.
 */
class PeekAndTracingIT extends ConsoleIntegrationTest {

    static final int PORT = freePort();
    static final InMemorySpanExporter spans = InMemorySpanExporter.create();

    @DynamicPropertySource
    static void peekConnection(DynamicPropertyRegistry registry) {
        registry.add("dlq-console.embedded-sqs.port", () -> PORT);
        registry.add("dlq-console.parking.enabled", () -> false);
        registry.add("dlq-console.parking.receive-wait", () -> "0s");
        registry.add("dlq-console.sqs.connections[0].name", () -> "readonly");
        registry.add("dlq-console.sqs.connections[0].endpoint", () -> "http://127.0.0.1:" + PORT);
        registry.add("dlq-console.sqs.connections[0].access-key-id", () -> "x");
        registry.add("dlq-console.sqs.connections[0].secret-access-key", () -> "x");
        registry.add("dlq-console.sqs.connections[0].mode", () -> "PEEK");
    }

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    Parker parker;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void peek_mode_copies_messages_and_leaves_them_in_the_dlq() {
        var queues = TestQueues.create(sqs, "peek", false);
        var name = queues.sourceName();
        var dlqUrl = queues.dlqUrl();
        for (int i = 0; i < 15; i++) {
            sqs.send("embedded", dlqUrl, OutgoingMessage.of("{\"n\":" + i + "}", Map.of()));
        }
        var dlq = discovery.refresh("readonly").deadLetterQueues().stream()
                .filter(q -> q.name().equals(name + "-dlq"))
                .findFirst()
                .orElseThrow();

        var first = parker.drain(dlq);
        var second = parker.drain(dlq);

        assertThat(first.parked()).isEqualTo(15);
        assertThat(second.received()).isGreaterThanOrEqualTo(15);
        assertThat(second.parked()).as("peeking again parks nothing twice").isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from parked_message where connection_name = 'readonly' and dlq_name = ?",
                        Integer.class,
                        dlq.name()))
                .isEqualTo(15);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                sqs.describe("embedded", dlqUrl).attributes().get("ApproximateNumberOfMessages"))
                        .isEqualTo("15"));
    }

    @Test
    void parking_a_batch_is_a_span_with_its_sqs_calls_inside() {
        spans.reset();
        var queues = TestQueues.create(sqs, "traced", false);
        var name = queues.sourceName();
        var dlqUrl = queues.dlqUrl();
        sqs.send("embedded", dlqUrl, OutgoingMessage.of("{}", Map.of()));
        var dlq = discovery.refresh("embedded").deadLetterQueues().stream()
                .filter(q -> q.name().equals(name + "-dlq"))
                .findFirst()
                .orElseThrow();

        parker.drain(dlq);

        var finished = spans.getFinishedSpanItems();
        var park = finished.stream()
                .filter(s -> s.getName().equals("park " + dlq.name()))
                .findFirst()
                .orElseThrow();
        assertThat(park.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(park.getAttributes().asMap().toString()).contains("dlq.parked=1");
        assertThat(finished)
                .filteredOn(s -> s.getParentSpanId().equals(park.getSpanId()))
                .extracting(SpanData::getName)
                .contains("DeleteMessageBatch " + dlq.name());
        assertThat(finished).extracting(SpanData::getName).contains("ReceiveMessage " + dlq.name());
    }

    @TestConfiguration
    static class Spans {

        @Bean
        @Primary
        Telemetry inMemoryTelemetry() {
            return Telemetry.exportingTo(spans);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
