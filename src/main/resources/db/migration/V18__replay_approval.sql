-- Four-eyes replays (issue 16): a large, forced or otherwise risky replay waits for a second person.
-- approval_needed says why it waits (null: it never needed one); approved_by is the approver, or the
-- person who rejected it (status REJECTED), with their reason.
ALTER TABLE replay_job ADD COLUMN approval_needed VARCHAR(300);
ALTER TABLE replay_job ADD COLUMN approved_by VARCHAR(100);
ALTER TABLE replay_job ADD COLUMN approved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE replay_job ADD COLUMN approval_reason VARCHAR(1000);
