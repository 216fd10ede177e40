-- What a message carries (body, attributes, system attributes, and the text search reads) moves to a
-- row of its own, parked_payload, read only for a message's page, a replay's send and the search
-- index. Everything that lists, counts, groups or plans (the Messages grid, failure groups, a replay's
-- preview over 100,000 messages) reads parked_message, now a few hundred bytes a row: H2 reads a row
-- whole, so a list of summaries no longer drags the bodies along (docs/decisions/007, 008).
--
-- Text search looks into whole bodies, up to the SQS maximum: search_text is no longer cut at 4,000
-- characters (rows parked before keep their shorter text).
CREATE TABLE parked_payload (
    message_id       BIGINT   PRIMARY KEY REFERENCES parked_message (id) ON DELETE CASCADE,
    body             BYTEA    NOT NULL,
    attributes_json  VARCHAR  NOT NULL,
    system_json      VARCHAR  NOT NULL,
    search_text      TEXT     NOT NULL
);

INSERT INTO parked_payload (message_id, body, attributes_json, system_json, search_text)
SELECT id, body, attributes_json, system_json, search_text FROM parked_message;

ALTER TABLE parked_message DROP COLUMN body;
ALTER TABLE parked_message DROP COLUMN attributes_json;
ALTER TABLE parked_message DROP COLUMN system_json;
ALTER TABLE parked_message DROP COLUMN search_text;
