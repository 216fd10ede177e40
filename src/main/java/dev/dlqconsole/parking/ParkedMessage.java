package dev.dlqconsole.parking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A message drained from a DLQ, byte for byte, with what the parker extracted from it. Its body and
 * attributes stay in this package: others get them masked, in {@link MessageDetails}.
 */
@Entity
@Table(name = "parked_message")
public class ParkedMessage {

    @Id
    private Long id;

    private String connectionName;
    private String dlqName;
    private String sqsMessageId;
    private @Nullable String sourceQueue;

    @Enumerated(EnumType.STRING)
    private ParkedStatus status;

    private Instant parkedAt;
    private @Nullable Instant sentAt;
    private int receiveCount;
    private @Nullable String failureReason;
    private @Nullable String failureType;
    private String fingerprint;
    private @Nullable String traceId;
    private @Nullable String traceFormat;
    private @Nullable String traceHeader;
    private @Nullable String traceRaw;

    @Column(name = "body_sha256")
    private String bodySha256;

    private int bodySize;
    private byte[] body;
    private String bodyPreview;
    private String attributesJson;
    private String systemJson;
    private @Nullable String groupId;
    private @Nullable String deduplicationId;
    private @Nullable String sequenceNumber;
    private @Nullable Instant handledAt;
    private @Nullable String handledBy;
    private @Nullable String handledReason;

    protected ParkedMessage() {}

    public Long id() {
        return id;
    }

    public String connectionName() {
        return connectionName;
    }

    public String dlqName() {
        return dlqName;
    }

    public String sqsMessageId() {
        return sqsMessageId;
    }

    public @Nullable String sourceQueue() {
        return sourceQueue;
    }

    public ParkedStatus status() {
        return status;
    }

    public Instant parkedAt() {
        return parkedAt;
    }

    public @Nullable Instant sentAt() {
        return sentAt;
    }

    public int receiveCount() {
        return receiveCount;
    }

    /** As parked, unmasked: outside this package, {@code MessageDetails.failureReason()} shows it. */
    @Nullable
    String failureReason() {
        return failureReason;
    }

    public @Nullable String failureType() {
        return failureType;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public @Nullable String traceId() {
        return traceId;
    }

    public @Nullable String traceFormat() {
        return traceFormat;
    }

    public @Nullable String traceHeader() {
        return traceHeader;
    }

    public @Nullable String traceRaw() {
        return traceRaw;
    }

    public String bodySha256() {
        return bodySha256;
    }

    public int bodySize() {
        return bodySize;
    }

    byte[] body() {
        return body.clone();
    }

    String bodyPreview() {
        return bodyPreview;
    }

    String attributesJson() {
        return attributesJson;
    }

    String systemJson() {
        return systemJson;
    }

    public @Nullable String groupId() {
        return groupId;
    }

    public @Nullable String deduplicationId() {
        return deduplicationId;
    }

    public @Nullable String sequenceNumber() {
        return sequenceNumber;
    }

    public @Nullable Instant handledAt() {
        return handledAt;
    }

    public @Nullable String handledBy() {
        return handledBy;
    }

    public @Nullable String handledReason() {
        return handledReason;
    }
}
