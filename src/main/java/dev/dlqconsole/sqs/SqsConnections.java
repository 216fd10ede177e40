package dev.dlqconsole.sqs;

import dev.dlqconsole.sqs.SqsProperties.Connection;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** One SDK client per configured connection, plus the embedded server's when it runs. */
@Component
class SqsConnections {

    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, SqsClient> clients = new LinkedHashMap<>();
    private final Map<String, SqsClient> senders = new LinkedHashMap<>();
    private final List<SdkHttpClient> http = new ArrayList<>();

    SqsConnections(
            SqsProperties properties, ObjectProvider<EmbeddedSqs> embedded, EmbeddedSqsProperties embeddedProperties) {
        var all = new ArrayList<Connection>();
        embedded.ifAvailable(server -> all.add(new Connection(
                embeddedProperties.connectionName(),
                "us-east-1",
                server.endpoint(),
                "embedded",
                "embedded",
                ".*",
                "",
                SqsProperties.Mode.PARK)));
        all.addAll(properties.connections());
        for (var connection : all) {
            if (connections.putIfAbsent(connection.name(), connection) != null) {
                throw new IllegalStateException("two SQS connections are named '" + connection.name() + "'");
            }
            // One HTTP client per connection, shared by the two SDK clients on it.
            var httpClient = Apache5HttpClient.builder().maxConnections(64).build();
            http.add(httpClient);
            clients.put(connection.name(), client(connection, properties, httpClient, false));
            senders.put(connection.name(), client(connection, properties, httpClient, true));
        }
    }

    List<Connection> all() {
        return List.copyOf(connections.values());
    }

    Connection connection(String name) {
        var connection = connections.get(name);
        if (connection == null) {
            throw new UnknownConnectionException(name);
        }
        return connection;
    }

    boolean has(String name) {
        return connections.containsKey(name);
    }

    SqsClient client(String name) {
        connection(name);
        return clients.get(name);
    }

    /**
     * The client for sends: it never retries. A send that timed out may have arrived, and the replay
     * executor, not the SDK, decides whether to send it again, with the same replay id.
     */
    SqsClient sender(String name) {
        connection(name);
        return senders.get(name);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(SqsClient::close);
        senders.values().forEach(SqsClient::close);
        http.forEach(SdkHttpClient::close);
    }

    private static SqsClient client(
            Connection connection, SqsProperties properties, SdkHttpClient httpClient, boolean noRetries) {
        var override = ClientOverrideConfiguration.builder().apiCallAttemptTimeout(properties.callTimeout());
        if (noRetries) {
            override.apiCallTimeout(properties.callTimeout()).retryStrategy(AwsRetryStrategy.doNotRetry());
        }
        var builder = SqsClient.builder()
                .region(Region.of(connection.region()))
                .httpClient(httpClient)
                .overrideConfiguration(override.build());
        if (connection.endpoint() != null) {
            builder.endpointOverride(connection.endpoint());
        }
        if (connection.accessKeyId() != null && connection.secretAccessKey() != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(connection.accessKeyId(), connection.secretAccessKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
