-- Every index on a row that changes is written again at each change: a replay changes each message's
-- state twice (claimed, then replayed) and its ledger entry twice. Keep only the indexes a query needs.
-- Counts per DLQ and status scan the narrow state rows (a GROUP BY needs no index); the retention
-- purge looks by handled_at; a job's ledger is read in (job, seq) order with its status checked.
DROP INDEX ix_state_dlq_status;
DROP INDEX ix_state_status;
DROP INDEX ix_state_handled;
CREATE INDEX ix_state_handled_at ON message_state (handled_at);
DROP INDEX ix_ledger_job_status;
