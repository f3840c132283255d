import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { tsvector } from "./columns";
import type { CharterItemId, GroupState, GroupType } from "../../server/domain/catalog";

export const areas = pgTable("areas", {
  acronym: text("acronym").primaryKey(),
  name: text("name").notNull(),
  /** Datatracker group state slug of the area: active, conclude, ... */
  state: text("state").$type<GroupState>().notNull().default("active"),
  /** The area's id in the Datatracker (it is a group of type "area" there). */
  datatrackerId: integer("datatracker_id").unique(),
  /** The Datatracker's `time` for the area: when it last changed there. */
  updatedAt: timestamp("updated_at", { withTimezone: true }),
});

export const groups = pgTable(
  "groups",
  {
    acronym: text("acronym").primaryKey(),
    name: text("name").notNull(),
    /** Datatracker group type slug: wg, rg, ... */
    type: text("type").$type<GroupType>().notNull(),
    area: text("area"),
    /** Datatracker group state slug: active, bof, conclude, ... */
    state: text("state").$type<GroupState>().notNull(),
    summary: text("summary").notNull(),
    keywords: text("keywords").array().notNull().default([]),
    keyRfcs: text("key_rfcs").array().notNull().default([]),
    keyDrafts: text("key_drafts").array().notNull().default([]),
    charterItems: text("charter_items").array().$type<CharterItemId[]>().notNull().default([]),
    /** A dispatch venue: a place to bring new work when the receiving group is unclear. */
    hasDispatchRole: boolean("has_dispatch_role").notNull().default(false),
    /** On dispatch venues: what the venue covers. */
    dispatchScope: text("dispatch_scope"),
    datatrackerUrl: text("datatracker_url"),
    /** An IoT group (shown as such on the groups index). */
    iot: boolean("iot").notNull().default(false),
    /** Acronyms suggested instead of this group once it has concluded. */
    successors: text("successors").array().notNull().default([]),
    listEmail: text("list_email"),
    listArchive: text("list_archive"),
    /** Charter document name, e.g. charter-ietf-core. */
    charter: text("charter"),
    /** Parent group or area acronym in the Datatracker. */
    parent: text("parent"),
    datatrackerId: integer("datatracker_id").unique(),
    /** The Datatracker's `time` for the group: when it last changed there. */
    updatedAt: timestamp("updated_at", { withTimezone: true }),
    /** Search document: acronym and name weigh most (A), the summary next (B). */
    searchText: tsvector("search_text").generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', "acronym"), 'A') || setweight(to_tsvector('english', "name"), 'A') || setweight(to_tsvector('english', "summary"), 'B')`,
    ),
  },
  (t) => [index("groups_search_idx").using("gin", t.searchText)],
);

export const charterItems = pgTable("charter_items", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  description: text("description").notNull(),
  position: integer("position").notNull(),
});

/** The Datatracker state vocabulary: one row per (state type, slug). */
export const docStates = pgTable(
  "doc_states",
  {
    type: text("type").notNull(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    nextStates: text("next_states").array().notNull().default([]),
    meaning: text("meaning"),
    used: boolean("used").notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.type, t.slug] })],
);

export const docTags = pgTable("doc_tags", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  position: integer("position").notNull(),
});

export const intendedStdLevels = pgTable("intended_std_levels", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  position: integer("position").notNull(),
  used: boolean("used").notNull().default(true),
});

/** Key/value facts about this database (e.g. whether demo data was loaded). */
export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
