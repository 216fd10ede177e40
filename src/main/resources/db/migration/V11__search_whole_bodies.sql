-- Text search looks into whole bodies, up to the SQS maximum (docs/decisions/008): the search text
-- is no longer cut at 4,000 characters. Rows parked before keep their shorter text until a later
-- migration recomputes it.
ALTER TABLE parked_message ALTER COLUMN search_text SET DATA TYPE TEXT;
