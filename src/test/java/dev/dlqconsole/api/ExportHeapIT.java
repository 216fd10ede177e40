package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dlqconsole.RealisticMessages;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * An export streams: 20,000 messages with bodies of about 1.5 KB (some 40 MB of JSON Lines) go out over
 * HTTP while the heap (of this JVM, which runs both the console and the reader) grows by far less than
 * the export's size. It measures the heap after a full GC every 4 MB read, against the heap before. This
 * is a bound on what the export keeps, not a forked {@code -Xmx} run: a million messages are left to the
 * argument that nothing here holds more than a page.
 */
class ExportHeapIT extends ApiIntegrationTest {

    private static final int MESSAGES = 20_000;
    private static final long BOUND = 24L * 1024 * 1024;

    @Test
    void twenty_thousand_messages_export_with_flat_heap() throws IOException, InterruptedException {
        var queues = queues("export-heap");
        var realistic = new RealisticMessages(17);
        var padding = "x".repeat(1_000);
        for (int from = 0; from < MESSAGES; from += 10) {
            var batch = new ArrayList<OutgoingMessage>();
            for (int n = from; n < from + 10; n++) {
                var message = realistic.message(n);
                batch.add(new OutgoingMessage(
                        String.valueOf(n),
                        "{\"n\":" + n + ",\"pad\":\"" + padding + "\",\"m\":" + message.body() + "}",
                        message.attributes(),
                        null,
                        null));
            }
            sqs.sendBatch(CONNECTION, queues.dlqUrl(), batch);
        }
        discovery.refresh(CONNECTION);
        var filter = new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null);
        while (parking.count(filter, MESSAGES) < MESSAGES) {
            parking.parkNow(CONNECTION, queues.dlqName());
        }

        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        var before = memory.getHeapMemoryUsage().getUsed();
        var response = HttpClient.newHttpClient()
                .send(
                        bearer(OPERATOR_TOKEN, "/api/messages/export?format=jsonl&dlq=" + queues.dlqName())
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long read = 0;
        long lines = 0;
        long grewMost = 0;
        var buffer = new byte[64 * 1024];
        try (var in = response.body()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    lines += buffer[i] == '\n' ? 1 : 0;
                }
                if (read / (4 << 20) != (read + n) / (4 << 20)) {
                    System.gc();
                    grewMost = Math.max(grewMost, memory.getHeapMemoryUsage().getUsed() - before);
                }
                read += n;
            }
        }

        assertThat(lines).isEqualTo(MESSAGES);
        assertThat(read).as("bytes exported").isGreaterThan(30L * 1024 * 1024);
        assertThat(grewMost).as("most the heap grew while exporting").isLessThan(BOUND);
    }
}
