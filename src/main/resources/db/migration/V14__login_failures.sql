-- Failed logins, counted across the cluster (security/LoginThrottle): one row per user and client
-- address, and one per user across all addresses. The key is a SHA-256, so a made-up name of any
-- length takes one row of fixed size and no name is kept in clear. Rows expire with the throttle's
-- window, and the throttle never lets the table grow past login-throttle.max-entries rows.
CREATE TABLE login_failure (
    throttle_key  CHAR(64)  PRIMARY KEY,
    failures      INTEGER   NOT NULL,
    first_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX login_failure_last_at ON login_failure (last_at);
