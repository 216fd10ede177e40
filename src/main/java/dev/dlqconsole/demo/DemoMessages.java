package dev.dlqconsole.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Realistic payloads for the demo queues. A share of them carry a defect that the demo consumer
 * rejects (a currency it does not know, a missing customer, a negative amount); the rest fail only
 * while the simulated downstream outage lasts.
 */
final class DemoMessages {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final List<String> SKUS = List.of("SKU-1042", "SKU-2210", "SKU-3307", "SKU-4471", "SKU-5120");
    private static final List<String> COUNTRIES = List.of("DE", "FR", "NL", "US", "CA", "SE");

    private final RandomGenerator random;

    DemoMessages(RandomGenerator random) {
        this.random = random;
    }

    String body(DemoQueue queue, boolean defective) {
        var orderId = "ord-" + (100_000 + random.nextInt(900_000));
        var customerId = "cus-" + (1_000 + random.nextInt(9_000));
        var payload = new LinkedHashMap<String, Object>();
        switch (queue.name()) {
            case "orders" -> {
                payload.put("type", "OrderPlaced");
                payload.put("orderId", orderId);
                payload.put("customerId", defective && random.nextBoolean() ? null : customerId);
                payload.put("currency", defective ? "XBT" : "EUR");
                payload.put("lines", List.of(Map.of("sku", pick(SKUS), "quantity", 1 + random.nextInt(4))));
                payload.put("total", Math.round(random.nextDouble(5, 400) * 100) / 100.0);
            }
            case "payments.fifo" -> {
                payload.put("type", "PaymentRequested");
                payload.put("paymentId", "pay-" + UUID.randomUUID());
                payload.put("orderId", orderId);
                payload.put("amount", defective ? -Math.round(random.nextDouble(1, 90)) : random.nextInt(5, 400));
                payload.put("currency", "EUR");
                // A card test number: the console masks it (dlq-console.security.masking.body-fields).
                payload.put("cardNumber", "4111111111111111");
            }
            case "notifications" -> {
                payload.put("type", "SendEmail");
                payload.put("template", defective ? "order-shipped-v3" : "order-confirmation");
                payload.put("to", customerId + "@example.com");
                payload.put("orderId", orderId);
            }
            default -> {
                payload.put("type", "ShipmentRequested");
                payload.put("orderId", orderId);
                payload.put("country", defective ? "XX" : pick(COUNTRIES));
                payload.put("weightGrams", 200 + random.nextInt(5_000));
            }
        }
        payload.put("occurredAt", java.time.Instant.now().toString());
        return json.writeValueAsString(payload);
    }

    /** The consumer's verdict: null when it processes the message, else its error type and message. */
    static @Nullable DemoFailure verdict(
            DemoQueue queue, String body, boolean downstreamOutage, RandomGenerator random) {
        final tools.jackson.databind.JsonNode node;
        try {
            node = json.readTree(body);
        } catch (tools.jackson.core.JacksonException e) {
            return new DemoFailure(
                    "com.fasterxml.jackson.core.JsonParseException",
                    "Unexpected character at line 1 column 1: payload of " + body.length()
                            + " chars is not JSON (messageId check failed at " + java.time.Instant.now() + ")");
        }
        if (body.length() > 262_144) {
            return new DemoFailure(
                    "PayloadTooLargeException",
                    "Payload of " + body.length() + " bytes exceeds the 262144 byte limit of the search indexer");
        }
        var orderId = node.path("orderId").asString("?");
        if ("XBT".equals(node.path("currency").asString(""))) {
            return new DemoFailure("UnsupportedCurrencyException", "Unsupported currency 'XBT' in order " + orderId);
        }
        if (node.has("customerId") && node.get("customerId").isNull()) {
            return new DemoFailure(
                    "java.lang.NullPointerException",
                    "Cannot invoke \"Customer.id()\" because \"customer\" is null (order " + orderId + ")");
        }
        if (node.path("amount").asDouble(0) < 0) {
            return new DemoFailure(
                    "IllegalArgumentException",
                    "Payment amount must be positive but was "
                            + node.path("amount").asDouble() + " for " + orderId);
        }
        if ("order-shipped-v3".equals(node.path("template").asString(""))) {
            return new DemoFailure(
                    "TemplateNotFoundException",
                    "Template 'order-shipped-v3' not found for "
                            + node.path("to").asString());
        }
        if ("XX".equals(node.path("country").asString(""))) {
            return new DemoFailure("ValidationException", "Unknown destination country 'XX' for order " + orderId);
        }
        if (downstreamOutage && random.nextDouble() < 0.5) {
            return new DemoFailure(
                    "java.net.SocketTimeoutException",
                    "Read timed out after " + (3_000 + random.nextInt(3) * 500)
                            + " ms calling inventory-service at 10.0." + random.nextInt(1, 255) + "."
                            + random.nextInt(1, 255) + ":8443 for " + orderId);
        }
        return null;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    record DemoFailure(String type, String message) {}
}
