import { sql } from "drizzle-orm";
import {
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { tsvector } from "./columns";

export const documents = pgTable(
  "documents",
  {
    /** `draft-...` (no revision) or `rfcNNNN`. */
    name: text("name").primaryKey(),
    rev: text("rev"),
    title: text("title").notNull(),
    abstract: text("abstract").notNull().default(""),
    stream: text("stream"),
    groupAcronym: text("group_acronym"),
    intendedStdLevel: text("intended_std_level"),
    shepherd: text("shepherd"),
    /** Responsible AD's email or name, as known. */
    ad: text("ad"),
    tags: text("tags").array().notNull().default([]),
    /**
     * Set on documents mirrored from the IETF Datatracker: its `time` for the
     * document when last synced. Their states change there, not here.
     */
    datatrackerTime: timestamp("datatracker_time", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
    /** Search document: name and title weigh most (A), the abstract next (B). */
    searchText: tsvector("search_text").generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', "name"), 'A') || setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "abstract"), 'B')`,
    ),
  },
  (t) => [
    index("documents_group_idx").on(t.groupAcronym),
    index("documents_search_idx").using("gin", t.searchText),
    // Search ranks a bounded set of candidates, the most recently updated matches,
    // walked newest first (server/services/search).
    index("documents_updated_idx").on(t.updatedAt, t.name),
  ],
);

/** One state per state type, held in parallel (draft, draft-stream-ietf, draft-iesg). */
export const documentStates = pgTable(
  "document_states",
  {
    documentName: text("document_name")
      .notNull()
      .references(() => documents.name, { onDelete: "cascade" }),
    stateType: text("state_type").notNull(),
    slug: text("slug").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentName, t.stateType] }),
    index("document_states_state_idx").on(t.stateType, t.slug),
  ],
);

export const documentRevisions = pgTable(
  "document_revisions",
  {
    documentName: text("document_name")
      .notNull()
      .references(() => documents.name, { onDelete: "cascade" }),
    rev: text("rev").notNull(),
    date: date("date", { mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentName, t.rev] })],
);

export const documentAuthors = pgTable(
  "document_authors",
  {
    id: serial("id").primaryKey(),
    documentName: text("document_name")
      .notNull()
      .references(() => documents.name, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email"),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("document_authors_doc_idx").on(t.documentName)],
);

/** `source` replaces `target` (e.g. draft-ietf-x replaces draft-author-x). */
export const documentReplacements = pgTable(
  "document_replacements",
  {
    source: text("source")
      .notNull()
      .references(() => documents.name, { onDelete: "cascade" }),
    target: text("target").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.target] }),
    index("document_repl_target_idx").on(t.target),
  ],
);
