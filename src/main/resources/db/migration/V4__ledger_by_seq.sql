-- The executor reads a job's ledger in send order from a cursor: (job, seq) is that order.
CREATE INDEX ix_ledger_job_seq ON replay_ledger (job_id, seq);
