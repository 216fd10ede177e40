-- Giving back what a replay job still holds (a cancel, a failed wave) finds its messages by job.
CREATE INDEX ix_parked_replay_job ON parked_message (replay_job_id);
