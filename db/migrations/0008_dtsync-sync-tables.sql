CREATE TABLE "datatracker_states" (
	"datatracker_id" integer PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"slug" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datatracker_sync_cursors" (
	"resource" text PRIMARY KEY NOT NULL,
	"since" text NOT NULL,
	"offset" integer DEFAULT 0 NOT NULL,
	"group_ids" integer[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datatracker_sync_lease" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"run_id" integer,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datatracker_sync_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"base" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"progress" jsonb DEFAULT '{"resource":null,"done":0,"total":null}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "datatracker_time" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "datatracker_sync_runs_started_idx" ON "datatracker_sync_runs" USING btree ("started_at");