package dev.dlqconsole.replay;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Asks a conditional replay's health URL whether the dependency is back (docs/decisions/019): only
 * http(s) URLs on an allowed host, one GET with short timeouts, no redirects followed (a redirect
 * could lead anywhere), the body never read into memory beyond what the client discards.
 */
@Component
class HealthProbe {

    /** What one check saw: a 2xx answer or not, in words for the job page. */
    record Answer(boolean healthy, String seen) {}

    private final HealthCheckProperties properties;
    private final HttpClient client;

    HealthProbe(HealthCheckProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout())
                .build();
    }

    /** The URL as the job keeps it, or a clear refusal. */
    String check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The health URL is not a URL: " + e.getReason());
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("The health URL must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("The health URL names no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The health URL must not carry a user name or password");
        }
        if (properties.allowedHosts().isEmpty()) {
            throw new IllegalArgumentException("Conditional replays are off: no health-check host is allowed"
                    + " (dlq-console.replay.health-check.allowed-hosts)");
        }
        if (!properties.allows(uri.getHost())) {
            throw new IllegalArgumentException("The console may not check " + uri.getHost()
                    + ": health checks go only to the allowed hosts (" + String.join(", ", properties.allowedHosts())
                    + "; dlq-console.replay.health-check.allowed-hosts)");
        }
        return uri.toString();
    }

    Answer ask(String url) {
        URI uri;
        try {
            uri = URI.create(check(url));
        } catch (IllegalArgumentException e) {
            // The allow-list changed since the job was created: no call, and the job never starts.
            return new Answer(false, "not checked: " + e.getMessage());
        }
        var request = HttpRequest.newBuilder(uri)
                .timeout(properties.timeout())
                .header("User-Agent", "dlq-console health check")
                .GET()
                .build();
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.discarding());
            var status = response.statusCode();
            return new Answer(status >= 200 && status < 300, "HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Answer(false, "no answer within " + properties.timeout().toMillis() + " ms");
        } catch (IOException e) {
            return new Answer(false, "could not connect (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, "interrupted");
        }
    }
}
