-- The replay state model (docs/decisions/007-replay-state-model.md).
--
-- What changes about a parked message (its status, the job that claims it, how often it was replayed,
-- who handled it) leaves the wide row that holds its body: one narrow message_state row per message,
-- written by claims and replays, so a replay never rewrites a row that carries a body of up to 1 MiB.
-- parked_message keeps what the parker found, and is only ever inserted (and purged).
CREATE TABLE message_state (
    message_id           BIGINT        PRIMARY KEY REFERENCES parked_message (id) ON DELETE CASCADE,
    -- Copies of parked_message's, which never change: counts per DLQ read this table alone.
    connection_name      VARCHAR(100)  NOT NULL,
    dlq_name             VARCHAR(100)  NOT NULL,
    status               VARCHAR(20)   NOT NULL,
    -- The job that claims the message while it is REPLAYING, and the last one that sent it after.
    job_id               BIGINT,
    replay_count         INTEGER       NOT NULL DEFAULT 0,
    -- The replay id of a send whose outcome is unknown (a cancelled job's): the next try reuses it.
    uncertain_replay_id  VARCHAR(64),
    handled_at           TIMESTAMP WITH TIME ZONE,
    handled_by           VARCHAR(100),
    handled_reason       VARCHAR(1000)
);

INSERT INTO message_state (message_id, connection_name, dlq_name, status, job_id, replay_count, handled_at,
                           handled_by, handled_reason)
SELECT id, connection_name, dlq_name, status, replay_job_id, replay_count, handled_at, handled_by, handled_reason
FROM parked_message;

CREATE INDEX ix_state_dlq_status ON message_state (connection_name, dlq_name, status);
CREATE INDEX ix_state_status ON message_state (status, message_id);
CREATE INDEX ix_state_job ON message_state (job_id);
CREATE INDEX ix_state_handled ON message_state (status, handled_at);

DROP INDEX ix_parked_body_status;
DROP INDEX ix_parked_replay_job;
CREATE INDEX ix_parked_body ON parked_message (body_sha256);
ALTER TABLE parked_message DROP COLUMN status;
ALTER TABLE parked_message DROP COLUMN replay_job_id;
ALTER TABLE parked_message DROP COLUMN replay_count;
ALTER TABLE parked_message DROP COLUMN handled_at;
ALTER TABLE parked_message DROP COLUMN handled_by;
ALTER TABLE parked_message DROP COLUMN handled_reason;

-- A replay target is a (connection, queue) pair: two accounts may both have an "orders" queue.
ALTER TABLE replay_ledger ADD COLUMN target_connection VARCHAR(100);
UPDATE replay_ledger SET target_connection =
    (SELECT p.connection_name FROM parked_message p WHERE p.id = replay_ledger.parked_message_id);
-- Sent again after an outcome nobody knows (a crash, a takeover, a timeout): it may have arrived twice.
ALTER TABLE replay_ledger ADD COLUMN ambiguous BOOLEAN NOT NULL DEFAULT FALSE;
-- The FIFO message group of an entry bound for a FIFO queue: a group waits behind its failed entry.
ALTER TABLE replay_ledger ADD COLUMN group_id VARCHAR(128);
DROP INDEX ix_ledger_target_sent;
CREATE INDEX ix_ledger_target_sent ON replay_ledger (target_connection, target_queue, status, updated_at);

ALTER TABLE replay_job ADD COLUMN target_connection VARCHAR(100);

-- The fencing token: it grows with every acquisition of a lease, and every write under a lease checks
-- it, so an instance that lost its lease (a crash, a long pause) changes nothing when it wakes up.
ALTER TABLE lease ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;
