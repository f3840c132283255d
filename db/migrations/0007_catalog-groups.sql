ALTER TABLE "areas" ADD COLUMN "state" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "areas" ADD COLUMN "datatracker_id" integer;--> statement-breakpoint
ALTER TABLE "areas" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "dispatch_scope" text;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "iot" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "successors" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "list_email" text;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "list_archive" text;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "charter" text;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "parent" text;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "datatracker_id" integer;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "areas" ADD CONSTRAINT "areas_datatracker_id_unique" UNIQUE("datatracker_id");--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_datatracker_id_unique" UNIQUE("datatracker_id");