-- A graduated ramp (issue 16, docs/decisions/018): after the canary (step 0) a job sends in steps,
-- each watched for messages coming back to a DLQ. ramp_steps is the plan frozen at creation, as
-- 'percent:cumulative sends' per step ('1:10,5:50,25:250,100:1000'); null for jobs from before the
-- ramp (their canary, then the rest). ramp_step is where the job is, ramp_step_until the end of the
-- current step's watch (null while it sends), ramp_step_back how many of its messages came back.
ALTER TABLE replay_job ADD COLUMN ramp_steps VARCHAR(300);
ALTER TABLE replay_job ADD COLUMN ramp_threshold INTEGER NOT NULL DEFAULT 5;
ALTER TABLE replay_job ADD COLUMN ramp_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE replay_job ADD COLUMN ramp_step_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE replay_job ADD COLUMN ramp_step_back INTEGER NOT NULL DEFAULT 0;

-- The step a sent entry went out in, stamped when the step's watch starts: the watch asks SQS-parked
-- copies about these replay ids only.
ALTER TABLE replay_ledger ADD COLUMN ramp_step INTEGER;
