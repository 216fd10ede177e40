-- The audit chain keyed (ADR 009): beside each event's public SHA-256 link, an HMAC of it with the
-- secret dlq-console.audit.chain-secret; the head gets one too, over where the chain ends and where
-- its keyed part starts. Events written before the secret was set keep verifying by their SHA-256
-- alone (their mac is NULL); keyed_from is the first event with one.
ALTER TABLE audit_event ADD COLUMN mac VARCHAR(64);
ALTER TABLE audit_head ADD COLUMN keyed_from BIGINT;
ALTER TABLE audit_head ADD COLUMN mac VARCHAR(64);
