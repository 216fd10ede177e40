-- Several console instances share one database. Work that must run on one instance at a time (the
-- parking of a DLQ, a replay job, each scheduled check) is leased here: the holder renews its row
-- before expires_at, and once that passes any instance may take the lease over. Times are the
-- database's own clock, so the instances' clocks need not agree.
CREATE TABLE lease (
    name         VARCHAR(300)  PRIMARY KEY,
    holder       VARCHAR(200)  NOT NULL,
    acquired_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What discovery last found on each SQS connection: the instance that ran the refresh writes it,
-- the others read it instead of asking SQS themselves.
CREATE TABLE discovery_snapshot (
    connection     VARCHAR(100)  PRIMARY KEY,
    discovered_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    inventory      TEXT          NOT NULL
);

-- The newest verification of the audit chain, by whichever instance ran it.
CREATE TABLE audit_verification (
    id            INTEGER PRIMARY KEY,
    verified_at   TIMESTAMP WITH TIME ZONE,
    checked       BIGINT,
    broken_id     BIGINT,
    problem       VARCHAR(2000)
);
INSERT INTO audit_verification (id) VALUES (1);
