-- A replay skips a message whose duplicate (same body, same idempotency key) an earlier job sent.
CREATE INDEX ix_parked_body_status ON parked_message (body_sha256, status);
