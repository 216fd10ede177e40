-- How many messages were parked per five minutes, per DLQ and failure group: what the inflow charts
-- draw. parked_message has no index on parked_at (every index costs the parker on each insert), and a
-- chart over a million rows would read them all; this rollup holds a row per (DLQ, group, bucket) that
-- saw a message, so a day's chart reads 288 buckets times the groups that were active.
--
-- The parker adds its batch's counts in the transaction that inserts the batch, one row per key and
-- batch. The bucket leads the key: a chart reads a time range, and the purge drops old buckets.
CREATE TABLE parked_inflow (
    bucket_start     TIMESTAMP WITH TIME ZONE NOT NULL,
    connection_name  VARCHAR(100)  NOT NULL,
    dlq_name         VARCHAR(100)  NOT NULL,
    fingerprint      VARCHAR(32)   NOT NULL,
    parked           BIGINT        NOT NULL,
    PRIMARY KEY (bucket_start, connection_name, dlq_name, fingerprint)
);

-- The messages parked before, from the epoch in whole five minutes (the same in every time zone).
INSERT INTO parked_inflow (bucket_start, connection_name, dlq_name, fingerprint, parked)
SELECT bucket_start, connection_name, dlq_name, fingerprint, count(*)
FROM (SELECT TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'
                 + CAST(floor(extract(EPOCH FROM parked_at) / 300) * 300 AS BIGINT) * INTERVAL '1' SECOND
                 AS bucket_start,
             connection_name, dlq_name, fingerprint
      FROM parked_message) parked
GROUP BY bucket_start, connection_name, dlq_name, fingerprint;
