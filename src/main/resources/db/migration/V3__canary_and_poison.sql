-- Canary: a job first sends a few messages, then watches the DLQs for them before sending the rest.
ALTER TABLE replay_job ADD COLUMN canary_size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE replay_job ADD COLUMN canary_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE replay_job ADD COLUMN canary_passed BOOLEAN NOT NULL DEFAULT FALSE;

-- A replayed message that dead-letters again is parked anew, carrying the replay's attributes:
-- which replay sent it, and how many times it has been replayed (poison detection).
ALTER TABLE parked_message ADD COLUMN came_back_replay_id VARCHAR(64);
ALTER TABLE parked_message ADD COLUMN replay_generation INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_parked_came_back ON parked_message (came_back_replay_id);

-- The hourly budget counts what all jobs sent to a queue in the last hour.
CREATE INDEX ix_ledger_target_sent ON replay_ledger (target_queue, status, updated_at);
