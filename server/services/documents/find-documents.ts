import { and, asc, desc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { ZAcronym, zInt, zText } from "~/server/domain/validation";
import type { Db } from "~/db/client";
import {
  docStates,
  documentReplacements,
  documentRevisions,
  documents,
  documentStates,
  groups,
  issueDocuments,
  issues,
} from "~/db/schema";
import {
  isTrackedStateType,
  legalNextStates,
  TRACKED_STATE_TYPES,
  TRACKED_STATE_TYPE_LABELS,
} from "~/server/domain/documents/machine";
import {
  pipelineReasons,
  WAITING_ON_AD,
  WG_LAST_CALL_OR_LATER,
} from "~/server/domain/documents/pipeline";
import { documentDatatrackerUrl } from "~/server/domain/datatracker/documents";
import {
  findState,
  isStateTypeSlug,
  stateTypeLabel,
  statesOf,
} from "~/server/domain/documents/vocabulary";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { can, reviewAreas } from "~/server/domain/permissions/policy";
import { datatrackerDocumentUrl } from "~/server/domain/documents/datatracker-links";
import { loadTimeline } from "../events";
import { visibleIssues } from "../issues/access";
import { redactIssueRefs } from "../issues/issue-refs";
import { loadDocument } from "./access";
import { responsibleAdDisplay } from "./responsible-ad";

export const ZFindDocuments = z.object({
  q: zText("the search", 200).optional(),
  group: ZAcronym.optional(),
  limit: zInt("The page size", 1, 200).default(100),
  offset: zInt("The offset", 0, 100_000).default(0),
});

async function statesFor(db: Db, names: string[]) {
  const out = new Map<string, Record<string, string>>();
  if (names.length === 0) return out;
  for (const s of await db
    .select()
    .from(documentStates)
    .where(inArray(documentStates.documentName, names))) {
    const m = out.get(s.documentName) ?? {};
    m[s.stateType] = s.slug;
    out.set(s.documentName, m);
  }
  return out;
}

export async function findDocuments(db: Db, input: z.infer<typeof ZFindDocuments>) {
  const where = and(
    input.group ? eq(documents.groupAcronym, input.group) : undefined,
    input.q
      ? or(ilike(documents.name, `%${input.q}%`), ilike(documents.title, `%${input.q}%`))
      : undefined,
  );
  const rows = await db
    .select({
      name: documents.name,
      rev: documents.rev,
      title: documents.title,
      group: documents.groupAcronym,
      intendedStdLevel: documents.intendedStdLevel,
      updatedAt: documents.updatedAt,
    })
    .from(documents)
    .where(where)
    .orderBy(desc(documents.updatedAt), asc(documents.name))
    .limit(input.limit + 1)
    .offset(input.offset);
  const page = rows.slice(0, input.limit);
  const states = await statesFor(
    db,
    page.map((r) => r.name),
  );
  return {
    items: page.map((r) => ({ ...r, states: states.get(r.name) ?? {} })),
    more: rows.length > input.limit,
  };
}

/** A group's documents, grouped by their WG state in Datatracker display order. */
export async function findGroupDocuments(db: Db, acronym: string) {
  const rows = await db
    .select({
      name: documents.name,
      rev: documents.rev,
      title: documents.title,
      tags: documents.tags,
    })
    .from(documents)
    .where(eq(documents.groupAcronym, acronym.toLowerCase()))
    .orderBy(asc(documents.name));
  const states = await statesFor(
    db,
    rows.map((r) => r.name),
  );
  const order = statesOf("draft-stream-ietf").map((s) => s.slug);
  const buckets = new Map<string, typeof rows>();
  for (const r of rows) {
    const wg = states.get(r.name)?.["draft-stream-ietf"] ?? "none";
    buckets.set(wg, [...(buckets.get(wg) ?? []), r]);
  }
  return [...buckets.entries()]
    .sort(
      ([a], [b]) =>
        (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) -
        (order.indexOf(b) === -1 ? 99 : order.indexOf(b)),
    )
    .map(([state, docs]) => ({
      state,
      stateName:
        state === "none" ? "No WG state" : (findState("draft-stream-ietf", state)?.name ?? state),
      documents: docs.map((d) => ({ ...d, states: states.get(d.name) ?? {} })),
    }));
}

/**
 * The area director's pipeline: documents of the AD's areas in WG Last Call or
 * later, and documents whose IESG state waits on the AD.
 */
export async function findAdPipeline(db: Db, actor: MaybeActor) {
  const scope = reviewAreas(actor);
  const everyArea = scope === "all";
  const areas = scope === "all" ? [] : [...scope];
  const rows = await db
    .select({
      name: documents.name,
      rev: documents.rev,
      title: documents.title,
      group: documents.groupAcronym,
      area: groups.area,
      updatedAt: documents.updatedAt,
    })
    .from(documents)
    .innerJoin(groups, eq(groups.acronym, documents.groupAcronym))
    .where(
      and(
        everyArea ? undefined : areas.length ? inArray(groups.area, areas) : sql`false`,
        sql`exists (select 1 from ${documentStates} s where s.document_name = ${documents.name} and (
          (s.state_type = 'draft-stream-ietf' and s.slug in ${WG_LAST_CALL_OR_LATER}) or
          (s.state_type = 'draft-iesg' and s.slug in ${WAITING_ON_AD})))`,
      ),
    )
    .orderBy(asc(documents.updatedAt), asc(documents.name));
  const states = await statesFor(
    db,
    rows.map((r) => r.name),
  );
  return rows.map((r) => {
    const s = states.get(r.name) ?? {};
    return {
      ...r,
      states: s,
      reasons: pipelineReasons({ wg: s["draft-stream-ietf"], iesg: s["draft-iesg"] }),
    };
  });
}

/** Everything the document page shows. */
export async function getDocument(db: Db, actor: MaybeActor, name: string) {
  const { doc, states, authors, resource } = await loadDocument(db, name);
  const revisions = await db
    .select()
    .from(documentRevisions)
    .where(eq(documentRevisions.documentName, name))
    .orderBy(desc(documentRevisions.rev));
  const replaces = await db
    .select({ name: documentReplacements.target })
    .from(documentReplacements)
    .where(eq(documentReplacements.source, name));
  const replacedBy = await db
    .select({ name: documentReplacements.source })
    .from(documentReplacements)
    .where(eq(documentReplacements.target, name));
  // Links to issues the reader may not see (confidential now, or since) leave no trace.
  const history = await redactIssueRefs(db, actor, await loadTimeline(db, "document", name), [
    "issue-linked",
    "issue-unlinked",
  ]);
  const lineage = [...replaces, ...replacedBy].map((r) => r.name);
  const tracked = new Set(
    lineage.length === 0
      ? []
      : (
          await db
            .select({ name: documents.name })
            .from(documents)
            .where(inArray(documents.name, lineage))
        ).map((r) => r.name),
  );
  const lineageLink = (n: string) => ({
    name: n,
    tracked: tracked.has(n),
    href: tracked.has(n) ? `/documents/${n}` : datatrackerDocumentUrl(n),
  });
  const linkedIssues = await db
    .select({ id: issues.id, title: issues.title, state: issues.state })
    .from(issueDocuments)
    .innerJoin(issues, eq(issues.id, issueDocuments.issueId))
    .where(and(eq(issueDocuments.documentName, name), visibleIssues(actor)))
    .orderBy(asc(issues.id));
  const axes = TRACKED_STATE_TYPES.map((t) => {
    const slug = (states as Record<string, string>)[t] ?? null;
    const def = slug ? findState(t, slug) : undefined;
    const action =
      t === "draft-stream-ietf"
        ? "document.change-wg-state"
        : t === "draft-iesg"
          ? "document.change-iesg-state"
          : "document.change-draft-state";
    const mayChange = can(actor, action, resource);
    return {
      stateType: t,
      label: TRACKED_STATE_TYPE_LABELS[t],
      slug,
      name: def?.name ?? (slug ? slug : null),
      meaning: def?.meaning ?? null,
      next: mayChange
        ? legalNextStates(t, slug).map((s) => ({
            slug: s,
            name: findState(t, s)?.name ?? s,
            meaning: findState(t, s)?.meaning ?? null,
          }))
        : [],
      mayChange,
    };
  });
  // Axes the tracker does not edit (RFC Editor, IANA, ...), as the Datatracker reports them.
  const otherTypes = Object.keys(states)
    .filter((t) => !isTrackedStateType(t))
    .sort();
  const names =
    otherTypes.length > 0
      ? await db
          .select({ type: docStates.type, slug: docStates.slug, name: docStates.name })
          .from(docStates)
          .where(inArray(docStates.type, otherTypes))
      : [];
  const otherAxes = otherTypes.map((t) => {
    const slug = (states as Record<string, string>)[t]!;
    return {
      stateType: t,
      label: isStateTypeSlug(t) ? stateTypeLabel(t) : t,
      slug,
      name: names.find((n) => n.type === t && n.slug === slug)?.name ?? slug,
    };
  });
  return {
    document: doc,
    axes,
    otherAxes,
    /** Set when the document is mirrored from the Datatracker: its states are changed there. */
    mirror: doc.datatrackerTime
      ? { lastChanged: doc.datatrackerTime, changeUrl: documentDatatrackerUrl(doc.name) }
      : null,
    authors,
    revisions,
    replaces: replaces.map((r) => lineageLink(r.name)),
    replacedBy: replacedBy.map((r) => lineageLink(r.name)),
    responsibleAd: await responsibleAdDisplay(db, doc.ad),
    history,
    linkedIssues,
    datatrackerUrl: datatrackerDocumentUrl(doc.name),
    permissions: {
      tags: can(actor, "document.change-wg-state", resource),
      newRevision: can(actor, "document.new-revision", resource),
    },
  };
}
