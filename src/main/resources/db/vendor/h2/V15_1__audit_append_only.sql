-- H2 only: the audit trail refuses changes and removals, as the PostgreSQL trigger of V5_1 does.
-- (H2 fires no trigger on TRUNCATE; the keyed head and the anchors of ADR 009 catch a cut-off tail.)
CREATE TRIGGER audit_event_append_only BEFORE UPDATE, DELETE ON audit_event
    FOR EACH ROW CALL 'dev.dlqconsole.audit.AppendOnlyTrigger';
