-- Sessions get a real start time (timestamptz) and a length in minutes instead of
-- free text. The old text was meant as a local time in the meeting's time zone
-- ("2026-03-16 09:30"); where it reads as one it becomes the start time, and
-- where it does not, it is kept as `time_note` (shown on the agenda until someone
-- sets a time) and reported by a NOTICE.
CREATE FUNCTION legacy_session_start(note text, zone text) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF btrim(note) !~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$' THEN
    RETURN NULL;
  END IF;
  RETURN replace(btrim(note), 'T', ' ')::timestamp AT TIME ZONE zone;
EXCEPTION WHEN others THEN
  -- A day that does not exist, a time out of range or an unknown zone.
  RETURN NULL;
END;
$$;
--> statement-breakpoint
ALTER TABLE "sessions" RENAME COLUMN "starts_at" TO "time_note";
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "starts_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "duration_minutes" integer DEFAULT 60 NOT NULL;
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_duration_check" CHECK ("sessions"."duration_minutes" between 15 and 600);
--> statement-breakpoint
UPDATE "sessions" AS s
SET "starts_at" = legacy_session_start(s."time_note", m."time_zone"), "time_note" = ''
FROM "meetings" AS m
WHERE m."number" = s."meeting_number"
  AND legacy_session_start(s."time_note", m."time_zone") IS NOT NULL;
--> statement-breakpoint
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT id, time_note FROM sessions WHERE btrim(time_note) <> '' LOOP
    RAISE NOTICE 'session %: start time "%" could not be read; kept as its time note', r.id, r.time_note;
  END LOOP;
END;
$$;
