package dev.dlqconsole.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bodies sent: Slack's incoming-webhook shape ({@code text} for notifications and old clients,
 * {@code blocks} for the message, with a button back into the console), or the console's JSON. The
 * same event makes the same body on every retry; only the headers (attempt, timestamp) change.
 */
final class Payloads {

    static final String SIGNATURE_HEADER = "X-DLQ-Console-Signature";
    static final String TIMESTAMP_HEADER = "X-DLQ-Console-Timestamp";
    static final String EVENT_ID_HEADER = "X-DLQ-Console-Event-Id";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Payloads() {}

    static String body(TargetKind kind, NotificationEvent event) {
        return kind == TargetKind.SLACK ? slack(event) : json(event);
    }

    static String slack(NotificationEvent event) {
        var root = JSON.createObjectNode();
        root.put("text", event.title() + (event.detail() == null ? "" : ": " + event.detail()) + " " + event.link());
        var blocks = root.putArray("blocks");
        var header = blocks.addObject().put("type", "section");
        header.putObject("text")
                .put("type", "mrkdwn")
                .put(
                        "text",
                        "*" + mrkdwn(event.title()) + "*"
                                + (event.detail() == null ? "" : "\n" + mrkdwn(event.detail())));
        var context = blocks.addObject().put("type", "context");
        context.putArray("elements")
                .addObject()
                .put("type", "mrkdwn")
                .put("text", mrkdwn(event.kind().label() + " · " + event.createdAt() + " · event " + event.eventId()));
        var actions = blocks.addObject().put("type", "actions");
        actions.putArray("elements")
                .addObject()
                .put("type", "button")
                .put("url", event.link())
                .putObject("text")
                .put("type", "plain_text")
                .put("text", "Open in DLQ Console");
        return JSON.writeValueAsString(root);
    }

    static String json(NotificationEvent event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("eventId", event.eventId());
        root.put("event", event.kind().wireName());
        root.put("occurredAt", event.createdAt().toString());
        root.put("title", event.title());
        root.put("detail", event.detail());
        root.put("link", event.link());
        if (event.dlq() != null) {
            root.putObject("dlq").put("connection", event.connection()).put("name", event.dlq());
        }
        if (event.fingerprint() != null) {
            root.put("failureGroup", event.fingerprint());
        }
        if (event.jobId() != null) {
            root.put("replayJob", event.jobId());
        }
        return JSON.writeValueAsString(root);
    }

    /** {@code sha256=<hex>} of HMAC-SHA256 over {@code <timestamp>.<body>}, keyed with the target's secret. */
    static String signature(String secret, String timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Slack reads &, < and > as markup (links, mentions): escaped, a masked reason stays plain text. */
    static String mrkdwn(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
