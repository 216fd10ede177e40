-- Scheduled and conditional replays (issue 16, docs/decisions/019): a job waits as SCHEDULED until
-- start_at, or as WAITING until health_url answers 2xx healthy_times times in a row; past
-- start_deadline it gives up (GAVE_UP, nothing sent). healthy_streak and health_last are the checks so
-- far: how many 2xx in a row, and what the last check saw.
ALTER TABLE replay_job ADD COLUMN start_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE replay_job ADD COLUMN health_url VARCHAR(2000);
ALTER TABLE replay_job ADD COLUMN healthy_times INTEGER NOT NULL DEFAULT 0;
ALTER TABLE replay_job ADD COLUMN start_deadline TIMESTAMP WITH TIME ZONE;
ALTER TABLE replay_job ADD COLUMN healthy_streak INTEGER NOT NULL DEFAULT 0;
ALTER TABLE replay_job ADD COLUMN health_last VARCHAR(300);
