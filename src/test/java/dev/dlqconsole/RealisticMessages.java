package dev.dlqconsole;

import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Dead letters that look like production's, for benchmarks: JSON events of 1 to 2 KB (orders,
 * payments, shipments, notifications) with nested objects, ids, amounts, addresses and free text;
 * three to eight attributes (trace context, failure reason and type, tenant, idempotency key);
 * failure reasons from a few common ones to many rare ones, each with ids and numbers in it.
 * Deterministic for a seed, so two runs compare.
 */
public final class RealisticMessages {

    private static final List<String> TYPES =
            List.of("OrderPlaced", "PaymentCaptured", "ShipmentBooked", "EmailQueued");
    private static final List<String> CITIES =
            List.of("Lisbon", "Gdańsk", "Toulouse", "Aarhus", "Porto", "Malmö", "Zürich", "Bilbao", "Graz", "Ghent");
    private static final List<String> STREETS =
            List.of("Rua Augusta", "Długa", "Rue d'Alsace", "Strøget", "Avenida da Boavista", "Lilla Torg");
    private static final List<String> WORDS = List.of(
            "please",
            "leave",
            "the",
            "parcel",
            "at",
            "reception",
            "ring",
            "twice",
            "fragile",
            "gift",
            "wrap",
            "urgent",
            "before",
            "noon",
            "call",
            "on",
            "arrival",
            "side",
            "door",
            "back",
            "office",
            "weekend",
            "delivery");

    private final SplittableRandom random;

    public RealisticMessages(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The body of message {@code n}: JSON of about 1 to 2 KB. */
    public String body(long n) {
        var type = TYPES.get((int) (n % TYPES.size()));
        var json = new StringBuilder(2_200);
        json.append("{\"type\":\"").append(type).append("\",\"eventId\":\"").append(uuid());
        json.append("\",\"occurredAt\":\"2026-11-")
                .append(10 + random.nextInt(18))
                .append('T');
        json.append(two(random.nextInt(24)))
                .append(':')
                .append(two(random.nextInt(60)))
                .append(':');
        json.append(two(random.nextInt(60)))
                .append('.')
                .append(random.nextInt(100, 999))
                .append("Z\"");
        json.append(",\"tenant\":\"t-").append(random.nextInt(40)).append('"');
        json.append(",\"orderId\":\"ord-")
                .append(Long.toString(1_000_000_000L + n * 7919 % 900_000_000L, 36))
                .append('"');
        json.append(",\"customer\":{\"id\":\"cus-")
                .append(random.nextInt(200_000))
                .append("\",\"email\":\"");
        json.append(word())
                .append('.')
                .append(word())
                .append(random.nextInt(100))
                .append("@example.org\"");
        json.append(",\"address\":{\"street\":\"")
                .append(STREETS.get(random.nextInt(STREETS.size())))
                .append(' ');
        json.append(random.nextInt(1, 300)).append("\",\"city\":\"").append(CITIES.get(random.nextInt(CITIES.size())));
        json.append("\",\"postcode\":\"").append(random.nextInt(10_000, 99_999)).append("\"}}");
        json.append(",\"lines\":[");
        int lines = random.nextInt(2, 9);
        for (int i = 0; i < lines; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"sku\":\"SKU-").append(random.nextInt(100_000)).append("\",\"quantity\":");
            json.append(random.nextInt(1, 6)).append(",\"unitPrice\":{\"amount\":\"");
            json.append(random.nextInt(1, 500)).append('.').append(two(random.nextInt(100)));
            json.append("\",\"currency\":\"EUR\"},\"title\":\"")
                    .append(word())
                    .append(' ')
                    .append(word());
            json.append("\"}");
        }
        json.append("],\"note\":\"");
        int words = random.nextInt(5, 60);
        for (int i = 0; i < words; i++) {
            json.append(i == 0 ? "" : " ").append(word());
        }
        json.append("\",\"meta\":{\"source\":\"checkout-")
                .append(random.nextInt(12))
                .append("\",\"version\":");
        json.append(random.nextInt(1, 9))
                .append(",\"correlationId\":\"")
                .append(uuid())
                .append("\"}");
        while (json.length() < 1_000) {
            json.append(",\"x")
                    .append(json.length())
                    .append("\":\"")
                    .append(word())
                    .append('"');
        }
        return json.append('}').toString();
    }

    /** What a failing consumer attaches: trace context, the failure, the tenant, an idempotency key. */
    public Map<String, MessageAttribute> attributes(long n) {
        var attributes = new LinkedHashMap<String, MessageAttribute>();
        attributes.put("traceparent", MessageAttribute.string("00-" + hex(32) + "-" + hex(16) + "-01"));
        var failure = failure(n);
        attributes.put("error-message", MessageAttribute.string(failure[1]));
        attributes.put("error-type", MessageAttribute.string(failure[0]));
        if (random.nextInt(3) > 0) {
            attributes.put("tenant", MessageAttribute.string("t-" + random.nextInt(40)));
        }
        if (random.nextInt(2) == 0) {
            attributes.put("idempotency-key", MessageAttribute.string(uuid()));
        }
        if (random.nextInt(4) == 0) {
            attributes.put("content-type", MessageAttribute.string("application/json"));
        }
        if (random.nextInt(5) == 0) {
            attributes.put("retry-count", MessageAttribute.number(random.nextInt(1, 6)));
        }
        return attributes;
    }

    public OutgoingMessage message(long n) {
        return OutgoingMessage.of(body(n), attributes(n));
    }

    /** Four failures are most of them; the rest spread over many rare ones. */
    private String[] failure(long n) {
        var pick = random.nextInt(100);
        if (pick < 45) {
            return new String[] {
                "java.net.SocketTimeoutException", "Read timed out after " + random.nextInt(1_000, 30_000) + " ms"
            };
        }
        if (pick < 70) {
            return new String[] {
                "InventoryUnavailable", "inventory-service returned 503 for sku SKU-" + random.nextInt(100_000)
            };
        }
        if (pick < 85) {
            return new String[] {
                "JsonParseException", "Unexpected character ('}' (code 125)) at line 1, column " + random.nextInt(2_000)
            };
        }
        if (pick < 95) {
            return new String[] {"PaymentDeclined", "card declined for order ord-" + (n % 100_000)};
        }
        return new String[] {
            "RareFailure" + random.nextInt(200),
            "rare failure " + random.nextInt(200) + " on shard " + random.nextInt(64)
        };
    }

    private String word() {
        return WORDS.get(random.nextInt(WORDS.size()));
    }

    private String uuid() {
        return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12);
    }

    private String hex(int digits) {
        var hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
