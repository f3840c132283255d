CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" serial PRIMARY KEY NOT NULL,
	"owner_id" integer NOT NULL,
	"page" text NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"shared_with" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "issues_text_fts_idx";--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "search_text" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', "acronym"), 'A') || setweight(to_tsvector('english', "name"), 'A') || setweight(to_tsvector('english', "summary"), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "issue_comments" ADD COLUMN "search_text" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', "body"), 'C')) STORED;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "search_text" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "problem_statement"), 'B') || setweight(to_tsvector('english', "desired_outcome"), 'C')) STORED;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "search_text" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', "name"), 'A') || setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "abstract"), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "saved_views_owner_idx" ON "saved_views" USING btree ("owner_id","page");--> statement-breakpoint
CREATE INDEX "saved_views_shared_idx" ON "saved_views" USING btree ("shared_with","page");--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "groups_search_idx" ON "groups" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "issue_comments_search_idx" ON "issue_comments" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "issues_search_idx" ON "issues" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin ("search_text");