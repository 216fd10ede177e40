package dev.dlqconsole.notify;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where notifications go. The URL (a Slack webhook's path is its secret) and the HMAC key are
 * secrets: {@link #toString()} and {@link #maskedUrl()} never show them, and nothing else prints them.
 *
 * @param perMinute requests per minute at most; more wait in the outbox
 */
public record NotificationTarget(
        String name,
        TargetKind type,
        String url,
        @Nullable String secret,
        @DefaultValue("30") int perMinute,
        List<NotificationRule> rules) {

    public NotificationTarget {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("A notification target needs a name of 1 to 100 characters");
        }
        name = name.strip();
        if (type == null) {
            throw new IllegalArgumentException("The notification target " + name + " needs a type: slack or json");
        }
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The notification target " + name + " has no valid URL");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("The notification target " + name + " needs an http(s) URL");
        }
        url = url.strip();
        secret = secret == null || secret.isBlank() ? null : secret;
        if (perMinute < 1) {
            throw new IllegalArgumentException("The notification target " + name + " needs per-minute of at least 1");
        }
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** The scheme and host only, e.g. {@code https://hooks.slack.com/…}: the path and query may be the secret. */
    public String maskedUrl() {
        var uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
    }

    public boolean signed() {
        return secret != null;
    }

    /** Removes the URL, its path and the key from a text (an exception's message) before it is kept or logged. */
    String scrub(@Nullable String text) {
        if (text == null) {
            return "";
        }
        var uri = URI.create(url);
        var scrubbed = text.replace(url, maskedUrl());
        if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
            scrubbed = scrubbed.replace(uri.getRawPath(), "/…");
        }
        if (secret != null) {
            scrubbed = scrubbed.replace(secret, "…");
        }
        return scrubbed;
    }

    @Override
    public String toString() {
        return "NotificationTarget[" + name + ", " + type + ", " + maskedUrl() + (signed() ? ", signed" : "") + "]";
    }
}
