-- PostgreSQL answers text search (search_text LIKE '%term%') from a trigram index (pg_trgm, GIN).
-- Creating the extension needs a privileged role: where the console's login may not, a DBA runs
-- CREATE EXTENSION pg_trgm once (in any schema), and this migration then only creates the index.
-- Without it the console still searches, by scanning (and says so at start-up).
DO $$
DECLARE
    trgm_schema text;
BEGIN
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NULL THEN
        BEGIN
            -- In public, not in the console's schema: the extension is one per database.
            CREATE EXTENSION pg_trgm SCHEMA public;
            trgm_schema := 'public';
        EXCEPTION WHEN insufficient_privilege OR undefined_file OR invalid_schema_name THEN
            RAISE WARNING 'pg_trgm is not installed and this role cannot install it: text search will scan';
        END;
    END IF;
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format(
            'CREATE INDEX ix_parked_search ON parked_payload USING gin (search_text %I.gin_trgm_ops)',
            trgm_schema);
    END IF;
END
$$;
