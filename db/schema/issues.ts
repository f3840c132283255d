import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { Recommendation } from "~/server/domain/dispatch/outcomes";
import { CLOSED_REASONS, ISSUE_STATES } from "~/server/domain/dispatch/states";
import type { RoutingResult } from "~/server/domain/routing";
import { tsvector, vocabularyText } from "./columns";
import { people } from "./people";

const issueState = vocabularyText("issue state", ISSUE_STATES);
const closedReason = vocabularyText("closed reason", CLOSED_REASONS);

export const issues = pgTable(
  "issues",
  {
    /** The issue's stable public number. */
    id: serial("id").primaryKey(),
    title: text("title").notNull(),
    problemStatement: text("problem_statement").notNull(),
    deviceClass: text("device_class").notNull().default(""),
    scale: text("scale").notNull().default(""),
    networkType: text("network_type").notNull().default(""),
    desiredOutcome: text("desired_outcome").notNull().default(""),
    overlapNotes: text("overlap_notes").notNull().default(""),
    interestedPeople: text("interested_people").notNull().default(""),
    implementers: text("implementers").notNull().default(""),
    slidesUrl: text("slides_url").notNull().default(""),
    /** Readiness requirements met, 0..6, kept for sorting and filtering. */
    readiness: integer("readiness").notNull().default(0),
    state: issueState("state").notNull().default("submitted"),
    /** The charter item in force: the contributor's or a chair's choice, else the suggestion. */
    charterItem: text("charter_item"),
    /** What the routing engine suggested at filing time, kept beside the human choice. */
    suggestedCharterItem: text("suggested_charter_item"),
    suggestedCharterScore: real("suggested_charter_score"),
    /** Top suggested group acronym, for filtering the triage queue. */
    suggestedGroup: text("suggested_group"),
    /** The suggestion at filing time: the charter item and the top candidates. */
    suggestion: jsonb("suggestion").$type<RoutingResult>(),
    /** Responsible area for AD review. */
    area: text("area").notNull().default("ops"),
    submitterId: integer("submitter_id")
      .notNull()
      .references(() => people.id),
    responsibleChairId: integer("responsible_chair_id").references(() => people.id),
    confidential: boolean("confidential").notNull().default(false),
    recommendation: jsonb("recommendation").$type<Recommendation>(),
    closedReason: closedReason("closed_reason"),
    duplicateOf: integer("duplicate_of"),
    /** Message of the last information request, shown to the submitter. */
    infoRequest: text("info_request"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    /**
     * The group the recommended outcome sends the work to, as
     * `outcomeTargetGroup` computes it: an existing working group's acronym,
     * `iotops` for work IOTOPS keeps, null otherwise or before a recommendation.
     * Stored so a group's dispatched work is an index read (My work, group pages).
     */
    targetGroup: text("target_group").generatedAlwaysAs(
      sql`case "recommendation"->'outcome'->>'kind' when 'existing-wg' then "recommendation"->'outcome'->>'targetGroup' when 'iotops' then 'iotops' end`,
    ),
    /**
     * Search document: the title weighs most (A), the problem statement next (B),
     * the desired outcome below it (C, as comments do).
     */
    searchText: tsvector("search_text").generatedAlwaysAs(
      sql`setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "problem_statement"), 'B') || setweight(to_tsvector('english', "desired_outcome"), 'C')`,
    ),
  },
  (t) => [
    index("issues_state_created_idx").on(t.state, t.createdAt, t.id),
    // Newest first for readers who see every issue (chairs, the secretariat): their
    // lists have no `not confidential` condition, so the partial index below cannot serve.
    index("issues_created_idx").on(t.createdAt, t.id),
    index("issues_public_created_idx")
      .on(t.createdAt, t.id)
      .where(sql`not ${t.confidential}`),
    index("issues_charter_item_idx").on(t.charterItem),
    index("issues_suggested_group_idx").on(t.suggestedGroup),
    index("issues_submitter_idx").on(t.submitterId),
    // A chair's inbox: their issues per state, newest first (My work's counts and lists).
    index("issues_responsible_chair_idx").on(t.responsibleChairId, t.state, t.createdAt, t.id),
    index("issues_dispatched_idx").on(t.dispatchedAt),
    // A group's dispatched work, newest dispatch first (findGroupWork). Partial: a
    // group's issues not yet dispatched have no dispatch time and would come first.
    index("issues_target_group_idx")
      .on(t.targetGroup, t.dispatchedAt, t.id)
      .where(sql`${t.state} in ('dispatched', 'accepted')`),
    // Per-state counts of public issues (the issue list) as an index-only scan.
    index("issues_public_state_idx")
      .on(t.state)
      .where(sql`not ${t.confidential}`),
    // The dispatch report reads only public dispatched issues in a date range.
    index("issues_dispatch_report_idx")
      .on(t.dispatchedAt)
      .where(sql`not ${t.confidential} and ${t.dispatchedAt} is not null`),
    index("issues_title_fts_idx").using("gin", sql`to_tsvector('english', ${t.title})`),
    index("issues_search_idx").using("gin", t.searchText),
  ],
);

/** An autosaved, unsubmitted intake form: one per person. */
export const issueDrafts = pgTable("issue_drafts", {
  personId: integer("person_id")
    .primaryKey()
    .references(() => people.id, { onDelete: "cascade" }),
  data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Internet-Drafts and RFCs an issue refers to, by name. */
export const issueDocuments = pgTable(
  "issue_documents",
  {
    issueId: integer("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
    documentName: text("document_name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.issueId, t.documentName] }),
    index("issue_documents_doc_idx").on(t.documentName),
  ],
);

export const issueComments = pgTable(
  "issue_comments",
  {
    id: serial("id").primaryKey(),
    issueId: integer("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => people.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Search document of the comment: it weighs below an issue's own text (C). */
    searchText: tsvector("search_text").generatedAlwaysAs(
      sql`setweight(to_tsvector('english', "body"), 'C')`,
    ),
  },
  (t) => [
    index("issue_comments_issue_idx").on(t.issueId, t.id),
    index("issue_comments_search_idx").using("gin", t.searchText),
  ],
);

/** Draft revisions that have been dispatched, for the "not dispatched twice" rule. */
export const dispatchedRevisions = pgTable(
  "dispatched_revisions",
  {
    documentName: text("document_name").notNull(),
    rev: text("rev").notNull(),
    issueId: integer("issue_id")
      .notNull()
      .references(() => issues.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("dispatched_revisions_key").on(t.documentName, t.rev, t.issueId)],
);

/**
 * Change counters for derived views. `dispatch-report` goes up, in the writing
 * transaction, whenever an issue changes in a way the dispatch report can see
 * (trigger `issues_report_version_*`, migration 0005); the report is cached per
 * app server under the counter value it was computed at, so every server sees a
 * change as soon as it commits.
 */
export const changeCounters = pgTable("change_counters", {
  name: text("name").primaryKey(),
  value: bigint("value", { mode: "number" }).notNull().default(0),
});
