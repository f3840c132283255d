/**
 * Shared set-up for the document-service integration tests (`*.int.test.ts` in
 * this folder): the Datatracker fixtures, people with roles, documents with
 * states and authors, and full read-backs of the document tables for
 * "nothing changed" and "identical rows" assertions. Test-only.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "~/db/client";
import {
  documentAuthors,
  documentReplacements,
  documentRevisions,
  documents,
  documentStates,
  events,
} from "~/db/schema";
import type { Actor } from "~/server/domain/permissions/actor";
import { makeCast, makePerson, type Cast } from "~/server/services/people/test-fixtures";
import { importDocuments } from "./import-documents";

function fixture(file: string): string {
  return readFileSync(
    fileURLToPath(new URL(`../../domain/documents/fixtures/${file}`, import.meta.url)),
    "utf8",
  );
}

/** The Datatracker API export (`/api/v1/doc/document/`) used as the import fixture. */
export const API_FIXTURE = fixture("datatracker-documents.json");
/** The same shape with nine problems in it; must be rejected as a whole. */
export const MALFORMED_FIXTURE = fixture("datatracker-documents.malformed.json");

/** The seven drafts of the API fixture (the eighth object, a charter, is skipped). */
export const DOC = {
  suitManifest: "draft-ietf-suit-manifest",
  mudRats: "draft-ietf-iotops-mud-rats",
  sbom: "draft-doe-iotops-sbom-discovery",
  sensorNaming: "draft-roe-sensor-naming-hints",
  suitArchitecture: "draft-ietf-suit-architecture",
  comparison: "draft-ietf-iotops-security-protocol-comparison",
  inventory: "draft-ietf-iotops-firmware-inventory",
} as const;

export const FIXTURE_TITLES = {
  sbom: "Discovering the Software Bill of Materials of a Device",
  mudRats: "Using Remote Attestation with Manufacturer Usage Descriptions",
  comparison: "Comparing Message Sizes of Security Protocols for Constrained Devices",
  suitManifest: "A Manifest Format for Updating Firmware on Constrained Devices",
} as const;

/** Import the API fixture from the operator's command line. */
export async function importFixture(db: Db) {
  return importDocuments(db, "command-line", API_FIXTURE);
}

/** The issue-test cast plus two Security-area ADs (SUIT is in `sec`). */
export interface DocumentCast extends Cast {
  secAd: Actor;
  secAd2: Actor;
}

export async function makeDocumentCast(db: Db): Promise<DocumentCast> {
  return {
    ...(await makeCast(db)),
    secAd: await makePerson(db, "Sam Sec AD", [["ad", "sec"]]),
    secAd2: await makePerson(db, "Sue Sec AD", [["ad", "sec"]]),
  };
}

type StateInput = Partial<Record<"draft" | "draft-stream-ietf" | "draft-iesg", string>>;

/** Insert a tracked document directly, with its states, authors and a revision row. */
export async function addTrackedDocument(
  db: Db,
  doc: {
    name: string;
    title: string;
    rev?: string | null;
    group?: string | null;
    ad?: string | null;
    tags?: string[];
    states?: StateInput;
    authors?: { name: string; email: string }[];
    revDate?: string;
  },
): Promise<void> {
  const rev = doc.rev === undefined ? "00" : doc.rev;
  await db.insert(documents).values({
    name: doc.name,
    title: doc.title,
    rev,
    groupAcronym: doc.group ?? null,
    ad: doc.ad ?? null,
    tags: doc.tags ?? [],
    stream: doc.group ? "ietf" : null,
  });
  const states = Object.entries(doc.states ?? {});
  if (states.length > 0) {
    await db
      .insert(documentStates)
      .values(states.map(([stateType, slug]) => ({ documentName: doc.name, stateType, slug })));
  }
  if (rev) {
    await db
      .insert(documentRevisions)
      .values({ documentName: doc.name, rev, date: doc.revDate ?? "2025-01-15" });
  }
  if (doc.authors?.length) {
    await db
      .insert(documentAuthors)
      .values(doc.authors.map((a, i) => ({ documentName: doc.name, ...a, position: i })));
  }
}

function sortBy<T>(rows: T[], key: (r: T) => string): T[] {
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * Every row of every document table and of the event log, in a stable order
 * (sorted in JS, so the comparison does not depend on the database's collation).
 */
export async function documentTables(db: Db) {
  return {
    documents: sortBy(await db.select().from(documents), (d) => d.name),
    states: sortBy(
      await db.select().from(documentStates),
      (s) => `${s.documentName} ${s.stateType}`,
    ),
    revisions: sortBy(
      await db.select().from(documentRevisions),
      (r) => `${r.documentName} ${r.rev}`,
    ),
    authors: await db.select().from(documentAuthors).orderBy(asc(documentAuthors.id)),
    replacements: sortBy(
      await db.select().from(documentReplacements),
      (r) => `${r.source} ${r.target}`,
    ),
    events: await db.select().from(events).orderBy(asc(events.id)),
  };
}

export async function documentRow(db: Db, name: string) {
  const [row] = await db.select().from(documents).where(eq(documents.name, name));
  if (!row) throw new Error(`document ${name} not found`);
  return row;
}

/** The document's states as `{ stateType: slug }`. */
export async function stateMap(db: Db, name: string): Promise<Record<string, string>> {
  const rows = await db.select().from(documentStates).where(eq(documentStates.documentName, name));
  return Object.fromEntries(rows.map((r) => [r.stateType, r.slug]));
}

export async function revisionsOf(db: Db, name: string) {
  const rows = await db
    .select({ rev: documentRevisions.rev, date: documentRevisions.date })
    .from(documentRevisions)
    .where(eq(documentRevisions.documentName, name));
  return sortBy(rows, (r) => r.rev);
}

/** The document's events, oldest first. */
export async function documentEvents(db: Db, name: string) {
  return db
    .select()
    .from(events)
    .where(and(eq(events.subjectType, "document"), eq(events.subjectKey, name)))
    .orderBy(asc(events.id));
}

/** All document events, oldest first. */
export async function allDocumentEvents(db: Db) {
  return db.select().from(events).where(eq(events.subjectType, "document")).orderBy(asc(events.id));
}
