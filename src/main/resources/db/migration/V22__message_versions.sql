-- Edit and retry (issue 16): an operator's edit of a parked message is a new version of it; the
-- parked payload (version 0, the message as it came) never changes. A replay sends the latest version.
-- body and attributes_json are the edit with every masked value put back as it was stored (an edit
-- cannot reveal a masked value, nor lose one); bulk is true for a find-and-replace over a selection.
CREATE TABLE message_version (
    parked_message_id  BIGINT        NOT NULL REFERENCES parked_message (id) ON DELETE CASCADE,
    version            INTEGER       NOT NULL,
    body               BYTEA         NOT NULL,
    attributes_json    VARCHAR       NOT NULL,
    body_sha256        VARCHAR(64)   NOT NULL,
    edited_by          VARCHAR(100)  NOT NULL,
    edited_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    reason             VARCHAR(1000) NOT NULL,
    bulk               BOOLEAN       NOT NULL DEFAULT FALSE,
    PRIMARY KEY (parked_message_id, version)
);
