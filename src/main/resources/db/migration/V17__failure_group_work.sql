-- Failure groups people work: who owns one, where it stands, its ticket and notes (issue 15).
-- A group without a row is new. A group marked ignored or replayed remembers the newest message it
-- held then (closed_through_id): a message parked after it (a higher id, in ix_parked_fingerprint)
-- reopens the group, so "ignored" never hides a failure that came back.
CREATE TABLE failure_group_work (
    fingerprint        VARCHAR(32)   PRIMARY KEY,
    status             VARCHAR(20)   NOT NULL,
    owner              VARCHAR(100),
    ticket_url         VARCHAR(500),
    notes              VARCHAR(4000),
    changed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by         VARCHAR(100)  NOT NULL,
    closed_through_id  BIGINT,
    reopened_at        TIMESTAMP WITH TIME ZONE,
    version            INTEGER       NOT NULL DEFAULT 0
);
CREATE INDEX ix_group_work_status ON failure_group_work (status);
