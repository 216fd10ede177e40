package dev.dlqconsole.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The secret that keys the chain (ADR 009): each event's public SHA-256 link gets an HMAC beside it,
 * and so does the head. Whoever can write the table but does not know the secret can change a row and
 * recompute its hash, but not its HMAC, nor move the head.
 */
final class ChainKey {

    static final int MIN_LENGTH = 32;

    private final @Nullable SecretKeySpec key;

    private ChainKey(@Nullable SecretKeySpec key) {
        this.key = key;
    }

    static ChainKey of(@Nullable String secret) {
        if (secret == null || secret.isBlank()) {
            return new ChainKey(null);
        }
        if (secret.strip().length() < MIN_LENGTH) {
            throw new IllegalStateException("dlq-console.audit.chain-secret must be at least " + MIN_LENGTH
                    + " characters (it keys the audit trail's chain); make one with: openssl rand -hex 32");
        }
        return new ChainKey(new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    boolean present() {
        return key != null;
    }

    /** The keyed hash of an event, over its chained SHA-256 (which covers its content and the link). */
    @Nullable
    String event(String hash) {
        return mac("event|" + hash);
    }

    /** The keyed hash of the head: where the chain ends, and where its keyed part starts. */
    @Nullable
    String head(long lastId, String lastHash, @Nullable Long keyedFrom) {
        return mac("head|" + lastId + "|" + lastHash + "|" + keyedFrom);
    }

    private @Nullable String mac(String text) {
        if (key == null) {
            return null;
        }
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
