package dev.dlqconsole.sqs;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * ElasticMQ, a real SQS-protocol server, started inside the console when the embedded default is
 * active. With real SQS configured this bean does not exist and nothing listens.
 */
@Component
@ConditionalOnBooleanProperty("dlq-console.embedded-sqs.enabled")
public class EmbeddedSqs {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSqs.class);

    private final SQSRestServer server;
    private final URI endpoint;

    EmbeddedSqs(EmbeddedSqsProperties properties) {
        int port = properties.port() == 0 ? freePort() : properties.port();
        this.server = SQSRestServerBuilder.withPort(port)
                .withInterface("127.0.0.1")
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .start();
        server.waitUntilStarted();
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        log.info("Embedded SQS (ElasticMQ) listening on {}", endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    @PreDestroy
    void stop() {
        server.stopAndWait();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the embedded SQS server", e);
        }
    }
}
