CREATE TABLE "change_counters" (
	"name" text PRIMARY KEY NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- The dispatch report's change counter goes up in the transaction that changes
-- anything the report reads: an issue's dispatch date, its recommendation, its
-- charter item, its confidentiality or its filing date, once it is (or was) dispatched.
INSERT INTO "change_counters" ("name") VALUES ('dispatch-report') ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION bump_dispatch_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'dispatch-report';
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION bump_dispatch_report_if_dispatched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed_rows WHERE dispatched_at IS NOT NULL) THEN
    UPDATE change_counters SET value = value + 1 WHERE name = 'dispatch-report';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER issues_report_version_update AFTER UPDATE ON issues FOR EACH ROW
  WHEN (OLD.dispatched_at IS DISTINCT FROM NEW.dispatched_at
    OR (NEW.dispatched_at IS NOT NULL AND (
      OLD.recommendation IS DISTINCT FROM NEW.recommendation
      OR OLD.charter_item IS DISTINCT FROM NEW.charter_item
      OR OLD.confidential IS DISTINCT FROM NEW.confidential
      OR OLD.created_at IS DISTINCT FROM NEW.created_at)))
  EXECUTE FUNCTION bump_dispatch_report();
--> statement-breakpoint
-- One bump per statement for inserts and deletes (bulk imports stay cheap).
CREATE TRIGGER issues_report_version_insert AFTER INSERT ON issues
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_dispatch_report_if_dispatched();
--> statement-breakpoint
CREATE TRIGGER issues_report_version_delete AFTER DELETE ON issues
  REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_dispatch_report_if_dispatched();
--> statement-breakpoint
CREATE TRIGGER issues_report_version_truncate AFTER TRUNCATE ON issues
  FOR EACH STATEMENT EXECUTE FUNCTION bump_dispatch_report();
