import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { VIEW_PAGES } from "../../server/domain/search/views";
import { vocabularyText } from "./columns";
import { issues } from "./issues";
import { people } from "./people";

/**
 * Every distinct word of the searchable texts (issues, comments, documents, groups),
 * lower-cased. Database triggers keep it current. A misspelt search word is matched
 * against this small table by trigram similarity, never against the texts themselves.
 */
export const searchTerms = pgTable("search_terms", { term: text("term").primaryKey() }, (t) => [
  index("search_terms_trgm_idx").using("gin", sql`${t.term} gin_trgm_ops`),
]);

/**
 * The words of confidential issues and of their comments, each with its issue, kept
 * apart from `search_terms` so that the shared list tells nobody what hidden texts
 * contain. A search adds the words of the issues its reader may see (a join on the
 * issue's visibility, through the trigram index), so typo tolerance covers them too
 * without reading the texts. Database triggers keep it current; an issue made public
 * leaves it (its words join `search_terms`).
 */
export const confidentialSearchTerms = pgTable(
  "confidential_search_terms",
  {
    term: text("term").notNull(),
    issueId: integer("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.term, t.issueId] }),
    index("confidential_search_terms_trgm_idx").using("gin", sql`${t.term} gin_trgm_ops`),
    index("confidential_search_terms_issue_idx").on(t.issueId),
  ],
);

const viewPage = vocabularyText("saved view page", VIEW_PAGES);

/** A named set of issue-list or triage filters, private or shared with a group. */
export const savedViews = pgTable(
  "saved_views",
  {
    id: serial("id").primaryKey(),
    ownerId: integer("owner_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    page: viewPage("page").notNull(),
    name: text("name").notNull(),
    /** The filters as the URL carries them; checked against the filter schema on load. */
    filters: jsonb("filters").$type<Record<string, unknown>>().notNull(),
    /** The group whose chairs see the view too, or null for a private view. */
    sharedWith: text("shared_with"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("saved_views_owner_idx").on(t.ownerId, t.page),
    index("saved_views_shared_idx").on(t.sharedWith, t.page),
  ],
);
