package dev.dlqconsole.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA256 under the console's secret ({@link SigningProperties}), one derived key per purpose, so
 * a value made for one purpose (a group id) never confirms one of another (a replay id). Nobody
 * without the secret can compute or check these values: a viewer cannot confirm a guessed secret
 * against a group id, and a producer cannot forge a replay id.
 */
@Component
public class SigningKey {

    private static final int MIN_KEY = 32;
    private final byte[] secret;

    @Autowired
    SigningKey(SigningProperties properties, JdbcTemplate jdbc) {
        this(secret(properties, jdbc));
    }

    public SigningKey(byte[] secret) {
        this.secret = secret.clone();
    }

    /** The HMAC of {@code data} under this purpose's key, as 64 hex digits. */
    public String hmac(String purpose, String data) {
        return HexFormat.of().formatHex(mac(mac(secret, purpose), data));
    }

    private static byte[] mac(byte[] key, String data) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static byte[] secret(SigningProperties properties, JdbcTemplate jdbc) {
        var configured = properties.key();
        if (configured != null && !configured.isBlank()) {
            if (configured.strip().length() < MIN_KEY) {
                throw new IllegalStateException("dlq-console.signing.key must have at least " + MIN_KEY
                        + " characters (a random one: openssl rand -hex 32)");
            }
            return configured.strip().getBytes(StandardCharsets.UTF_8);
        }
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        // The first instance's key wins; the others read it (ON CONFLICT: a race between two starts).
        jdbc.update(
                "INSERT INTO console_key (name, secret) VALUES ('signing', ?) ON CONFLICT DO NOTHING",
                HexFormat.of().formatHex(bytes));
        var stored = jdbc.queryForObject("SELECT secret FROM console_key WHERE name = 'signing'", String.class);
        return HexFormat.of().parseHex(stored);
    }
}
