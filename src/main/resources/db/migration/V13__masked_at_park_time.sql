-- What people see and search is masked when a message is parked (docs/decisions/010): the preview,
-- the search text, the failure reason and type, the group id and the attributes as shown. The raw
-- body and attributes stay in parked_payload for replays and an admin's audited unmask.
--
-- Rows parked before hold those values unmasked. The masking rules come from configuration, so a
-- SQL migration cannot redo them: the console re-masks at start-up, before it serves, every row whose
-- masked_with (the id of the rules and key it was masked with) is not the current one. NULL: parked
-- before masking at park time, never masked. A change of the rules or the key re-masks the same way.
ALTER TABLE parked_message ADD COLUMN masked_with VARCHAR(64);
ALTER TABLE parked_payload ADD COLUMN shown_attributes_json VARCHAR;

-- The console's secret for group ids and replay ids, when none is configured: made by the first
-- instance that starts, shared by all through the database.
CREATE TABLE console_key (
    name    VARCHAR(64)  PRIMARY KEY,
    secret  VARCHAR(128) NOT NULL
);
