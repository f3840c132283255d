CREATE TABLE "accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"email_verified" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_grants" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"role" text NOT NULL,
	"group_acronym" text NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"granted_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "areas" (
	"acronym" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "charter_items" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "doc_states" (
	"type" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"next_states" text[] DEFAULT '{}' NOT NULL,
	"meaning" text,
	"used" boolean DEFAULT true NOT NULL,
	CONSTRAINT "doc_states_type_slug_pk" PRIMARY KEY("type","slug")
);
--> statement-breakpoint
CREATE TABLE "doc_tags" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"acronym" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"area" text,
	"state" text NOT NULL,
	"summary" text NOT NULL,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"key_rfcs" text[] DEFAULT '{}' NOT NULL,
	"key_drafts" text[] DEFAULT '{}' NOT NULL,
	"charter_items" text[] DEFAULT '{}' NOT NULL,
	"has_dispatch_role" boolean DEFAULT false NOT NULL,
	"datatracker_url" text
);
--> statement-breakpoint
CREATE TABLE "intended_std_levels" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"used" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_key" text NOT NULL,
	"type" text NOT NULL,
	"actor_id" integer,
	"actor_capacity" text,
	"group_acronym" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatched_revisions" (
	"document_name" text NOT NULL,
	"rev" text NOT NULL,
	"issue_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issue_comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"issue_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issue_documents" (
	"issue_id" integer NOT NULL,
	"document_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "issue_documents_issue_id_document_name_pk" PRIMARY KEY("issue_id","document_name")
);
--> statement-breakpoint
CREATE TABLE "issue_drafts" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issues" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"problem_statement" text NOT NULL,
	"device_class" text DEFAULT '' NOT NULL,
	"scale" text DEFAULT '' NOT NULL,
	"network_type" text DEFAULT '' NOT NULL,
	"desired_outcome" text DEFAULT '' NOT NULL,
	"overlap_notes" text DEFAULT '' NOT NULL,
	"interested_people" text DEFAULT '' NOT NULL,
	"implementers" text DEFAULT '' NOT NULL,
	"slides_url" text DEFAULT '' NOT NULL,
	"readiness" integer DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'submitted' NOT NULL,
	"charter_item" text,
	"suggested_charter_item" text,
	"suggested_charter_score" real,
	"suggested_group" text,
	"suggestion" jsonb,
	"area" text DEFAULT 'ops' NOT NULL,
	"submitter_id" integer NOT NULL,
	"responsible_chair_id" integer,
	"confidential" boolean DEFAULT false NOT NULL,
	"recommendation" jsonb,
	"closed_reason" text,
	"duplicate_of" integer,
	"info_request" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_authors" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_name" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_replacements" (
	"source" text NOT NULL,
	"target" text NOT NULL,
	CONSTRAINT "document_replacements_source_target_pk" PRIMARY KEY("source","target")
);
--> statement-breakpoint
CREATE TABLE "document_revisions" (
	"document_name" text NOT NULL,
	"rev" text NOT NULL,
	"date" date NOT NULL,
	CONSTRAINT "document_revisions_document_name_rev_pk" PRIMARY KEY("document_name","rev")
);
--> statement-breakpoint
CREATE TABLE "document_states" (
	"document_name" text NOT NULL,
	"state_type" text NOT NULL,
	"slug" text NOT NULL,
	CONSTRAINT "document_states_document_name_state_type_pk" PRIMARY KEY("document_name","state_type")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"name" text PRIMARY KEY NOT NULL,
	"rev" text,
	"title" text NOT NULL,
	"abstract" text DEFAULT '' NOT NULL,
	"stream" text,
	"group_acronym" text,
	"intended_std_level" text,
	"shepherd" text,
	"ad" text,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_granted_by_people_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatched_revisions" ADD CONSTRAINT "dispatched_revisions_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_comments" ADD CONSTRAINT "issue_comments_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_comments" ADD CONSTRAINT "issue_comments_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_documents" ADD CONSTRAINT "issue_documents_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_drafts" ADD CONSTRAINT "issue_drafts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_submitter_id_people_id_fk" FOREIGN KEY ("submitter_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_responsible_chair_id_people_id_fk" FOREIGN KEY ("responsible_chair_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_authors" ADD CONSTRAINT "document_authors_document_name_documents_name_fk" FOREIGN KEY ("document_name") REFERENCES "public"."documents"("name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_replacements" ADD CONSTRAINT "document_replacements_source_documents_name_fk" FOREIGN KEY ("source") REFERENCES "public"."documents"("name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_document_name_documents_name_fk" FOREIGN KEY ("document_name") REFERENCES "public"."documents"("name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_states" ADD CONSTRAINT "document_states_document_name_documents_name_fk" FOREIGN KEY ("document_name") REFERENCES "public"."documents"("name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_provider_key" ON "accounts" USING btree ("provider","provider_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_email_key" ON "people" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "role_grants_unique" ON "role_grants" USING btree ("person_id","role","group_acronym","source");--> statement-breakpoint
CREATE INDEX "role_grants_group_idx" ON "role_grants" USING btree ("group_acronym","role");--> statement-breakpoint
CREATE INDEX "events_subject_idx" ON "events" USING btree ("subject_type","subject_key","id");--> statement-breakpoint
CREATE INDEX "events_group_idx" ON "events" USING btree ("group_acronym","id");--> statement-breakpoint
CREATE UNIQUE INDEX "dispatched_revisions_key" ON "dispatched_revisions" USING btree ("document_name","rev","issue_id");--> statement-breakpoint
CREATE INDEX "issue_comments_issue_idx" ON "issue_comments" USING btree ("issue_id","id");--> statement-breakpoint
CREATE INDEX "issue_documents_doc_idx" ON "issue_documents" USING btree ("document_name");--> statement-breakpoint
CREATE INDEX "issues_state_created_idx" ON "issues" USING btree ("state","created_at","id");--> statement-breakpoint
CREATE INDEX "issues_public_created_idx" ON "issues" USING btree ("created_at","id") WHERE not "issues"."confidential";--> statement-breakpoint
CREATE INDEX "issues_charter_item_idx" ON "issues" USING btree ("charter_item");--> statement-breakpoint
CREATE INDEX "issues_suggested_group_idx" ON "issues" USING btree ("suggested_group");--> statement-breakpoint
CREATE INDEX "issues_submitter_idx" ON "issues" USING btree ("submitter_id");--> statement-breakpoint
CREATE INDEX "issues_dispatched_idx" ON "issues" USING btree ("dispatched_at");--> statement-breakpoint
CREATE INDEX "document_authors_doc_idx" ON "document_authors" USING btree ("document_name");--> statement-breakpoint
CREATE INDEX "document_repl_target_idx" ON "document_replacements" USING btree ("target");--> statement-breakpoint
CREATE INDEX "document_states_state_idx" ON "document_states" USING btree ("state_type","slug");--> statement-breakpoint
CREATE INDEX "documents_group_idx" ON "documents" USING btree ("group_acronym");