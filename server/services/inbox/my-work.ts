import { and, desc, eq, inArray, or } from "drizzle-orm";
import type { Db } from "~/db/client";
import { events, outbox, roleGrants } from "~/db/schema";
import { outcomeTargetGroup, type DispatchOutcome } from "~/server/domain/dispatch/outcomes";
import type { IssueState } from "~/server/domain/dispatch/states";
import type { Actor, MaybeActor } from "~/server/domain/permissions/actor";
import {
  assertCan,
  canInOwnRight,
  chairedGroups,
  decide,
  leadGroup,
  NO_RESOURCE,
  reviewAreas,
  type Action,
} from "~/server/domain/permissions/policy";
import { recentRuns } from "../datatracker/runs";
import { findAdPipeline } from "../documents/find-documents";
import {
  countIssues,
  findIssueLinks,
  findIssues,
  type FindIssuesInput,
} from "../issues/find-issues";
import { findGroupWork } from "../issues/group-work";
import { holdingDuty } from "../roles/duty-holders";

/** One thing that waits, and where it is acted on. */
export interface InboxItem {
  key: string;
  label: string;
  href: string;
  /** Since when it has waited, if known. */
  since: Date | null;
  /** Why it came back, in the words of whoever sent it back. */
  note?: string;
}

export type InboxRole = "contributor" | "iotops-chair" | "ad" | "receiving-chair" | "secretariat";

export interface InboxSection {
  key: string;
  role: InboxRole;
  title: string;
  /** How many wait: the same number the linked page shows. */
  count: number;
  /** The page with the whole list, where the action is taken; null when each item is its own page. */
  href: string | null;
  /** The first items, oldest first. */
  items: InboxItem[];
  /** A remark when the section cannot list its items. */
  note?: string;
}

/** How many items a section shows; its count is always the full number. */
export const SHOWN = 10;

const oldestFirst = (a: InboxItem, b: InboxItem) =>
  (a.since?.getTime() ?? 0) - (b.since?.getTime() ?? 0);

/** The actor holds the capacity in their own right, not as the secretariat's fallback. */
const holds = (actor: Actor, action: Action) => canInOwnRight(actor, action, NO_RESOURCE);

async function issueSection(
  db: Db,
  actor: Actor,
  s: { key: string; role: InboxRole; title: string; href: string | null },
  filter: Omit<FindIssuesInput, "states"> & { states: [IssueState] },
  since: "createdAt" | "updatedAt",
): Promise<InboxSection> {
  const rows = await findIssueLinks(db, actor, { ...filter, sort: "oldest" }, SHOWN + 1);
  const shown = rows.slice(0, SHOWN);
  // A list that fits is its own count; a longer one is counted with the same filter as
  // the triage page's state badge and the review page's count.
  const count = rows.length > SHOWN ? await countIssues(db, actor, filter) : rows.length;
  return {
    ...s,
    count,
    items: shown.map((i) => ({
      key: `issue-${i.id}`,
      label: `#${i.id} ${i.title}`,
      href: `/issues/${i.id}`,
      since: i[since],
    })),
  };
}

/**
 * The comment of the latest return (the AD's) or decline (the receiving group's
 * reason) of each issue, so the chairs read it where they pick the issue up.
 */
async function returnNotes(db: Db, items: InboxItem[]): Promise<InboxItem[]> {
  const keys = items.map((i) => i.key.replace("issue-", ""));
  if (keys.length === 0) return items;
  const rows = await db
    .select({ key: events.subjectKey, type: events.type, payload: events.payload })
    .from(events)
    .where(
      and(
        eq(events.subjectType, "issue"),
        inArray(events.subjectKey, keys),
        inArray(events.type, ["ad-returned", "declined"]),
      ),
    )
    .orderBy(desc(events.id));
  const latest = new Map<string, string>();
  for (const r of rows) {
    if (latest.has(r.key)) continue;
    const text = r.type === "ad-returned" ? r.payload.comment : r.payload.reason;
    if (typeof text === "string") {
      latest.set(
        r.key,
        `${r.type === "ad-returned" ? "The area director" : "The receiving group"}: ${text}`,
      );
    }
  }
  return items.map((i) => {
    const note = latest.get(i.key.replace("issue-", ""));
    return note ? { ...i, note } : i;
  });
}

/** Dispatched work whose receiving group has no chair account here: nobody will acknowledge it. */
async function unchairedHandoffs(
  db: Db,
  actor: Actor,
  areas: "all" | readonly string[],
): Promise<InboxSection> {
  const page = await findIssues(db, actor, {
    states: ["dispatched"],
    areas: areas === "all" ? undefined : [...areas],
    sort: "oldest",
    limit: 100,
  });
  const targets = new Map<number, string>();
  for (const i of page.items) {
    const rec = i.recommendation as { outcome: DispatchOutcome } | null;
    const g = rec ? outcomeTargetGroup(rec.outcome) : null;
    if (g) targets.set(i.id, g);
  }
  const groups = [...new Set(targets.values())];
  const chaired = new Set(
    groups.length === 0
      ? []
      : (
          await db
            .select({ g: roleGrants.groupAcronym })
            .from(roleGrants)
            .where(or(...groups.map((g) => holdingDuty(leadGroup(g)))))
        ).map((r) => r.g),
  );
  const items = page.items
    .filter((i) => targets.has(i.id) && !chaired.has(targets.get(i.id)!))
    .map((i) => ({
      key: `unchaired-${i.id}`,
      label: `#${i.id} ${i.title}: ${targets.get(i.id)!.toUpperCase()} has no chair in the app`,
      href: `/groups/${targets.get(i.id)!}`,
      since: i.updatedAt,
    }));
  return {
    key: "unchaired",
    role: areas === "all" ? "secretariat" : "ad",
    title: "Dispatched to a group with no chair in the app",
    count: items.length,
    href: "/report",
    items: items.slice(0, SHOWN),
  };
}

/**
 * What waits for the signed-in person, for each role they hold. Each section
 * counts with the same query as the page it links to, so the two never disagree.
 */
export async function myWork(db: Db, maybe: MaybeActor) {
  assertCan(maybe, "issue.file", NO_RESOURCE);
  const actor = maybe!;
  // The sections' reads are independent: they run at once, and keep this order.
  const parts: Promise<InboxSection>[] = [];

  parts.push(
    issueSection(
      db,
      actor,
      {
        key: "info-requested",
        role: "contributor",
        title: "Your issues returned to you with a question",
        href: null,
      },
      { states: ["needs-info"], submitter: actor.personId },
      "updatedAt",
    ),
  );

  if (holds(actor, "triage.view")) {
    parts.push(
      issueSection(
        db,
        actor,
        {
          key: "new-submissions",
          role: "iotops-chair",
          title: "New submissions to triage",
          href: "/triage?state=submitted",
        },
        { states: ["submitted"] },
        "createdAt",
      ),
      issueSection(
        db,
        actor,
        {
          key: "my-discussions",
          role: "iotops-chair",
          title: "Discussions assigned to you",
          href: "/triage?state=in-discussion&chair=me",
        },
        { states: ["in-discussion"], responsibleChair: actor.personId },
        "updatedAt",
      ),
      (async () => {
        const returned = await issueSection(
          db,
          actor,
          {
            key: "returned",
            role: "iotops-chair",
            title: "Returned by the area director or the receiving group",
            href: "/triage?state=returned",
          },
          { states: ["returned"] },
          "updatedAt",
        );
        return { ...returned, items: await returnNotes(db, returned.items) };
      })(),
    );
  }

  if (holds(actor, "review.view")) {
    const areas = reviewAreas(actor);
    parts.push(
      issueSection(
        db,
        actor,
        {
          key: "awaiting-review",
          role: "ad",
          title: "Recommendations awaiting your review",
          href: "/review",
        },
        { states: ["ad-review"], areas: areas === "all" ? undefined : [...areas] },
        "updatedAt",
      ),
      (async (): Promise<InboxSection> => {
        const pipeline = await findAdPipeline(db, actor);
        return {
          key: "pipeline",
          role: "ad",
          title: "Documents in your pipeline",
          count: pipeline.length,
          href: "/review#pipeline-title",
          items: pipeline.slice(0, SHOWN).map((d) => ({
            key: `doc-${d.name}`,
            label: `${d.name}: ${d.reasons.join("; ")}`,
            href: `/documents/${d.name}`,
            since: d.updatedAt,
          })),
        };
      })(),
      unchairedHandoffs(db, actor, areas),
    );
  }

  if (holds(actor, "handoffs.view")) {
    for (const group of chairedGroups(actor)) {
      parts.push(
        findGroupWork(db, actor, group).then((work) => ({
          key: `handoffs-${group}`,
          role: "receiving-chair",
          title: `Hand-offs to ${group.toUpperCase()} awaiting acknowledgement`,
          count: work.awaiting.length,
          href: `/groups/${group}`,
          items: work.awaiting
            .map((i) => ({
              key: `handoff-${i.id}`,
              label: `#${i.id} ${i.title}`,
              href: `/issues/${i.id}`,
              since: i.dispatchedAt,
            }))
            .sort(oldestFirst)
            .slice(0, SHOWN),
        })),
      );
    }
  }

  if (decide(actor, "outbox.view", NO_RESOURCE).allowed) {
    parts.push(
      db
        .select({ id: outbox.id, subject: outbox.subject, at: outbox.createdAt })
        .from(outbox)
        .where(eq(outbox.status, "failed"))
        .then((failed) => ({
          key: "failed-mail",
          role: "secretariat",
          title: "E-mail that could not be delivered",
          count: failed.length,
          href: "/admin/outbox",
          items: failed.slice(0, SHOWN).map((m) => ({
            key: `mail-${m.id}`,
            label: m.subject,
            href: "/admin/outbox",
            since: m.at,
          })),
        })),
    );
  }
  if (decide(actor, "sync.view", NO_RESOURCE).allowed) {
    // The sync page lists the ten most recent runs; the failed ones among them.
    parts.push(
      recentRuns(db, 10).then((recent) => {
        const runs = recent.filter((r) => r.status === "failed");
        return {
          key: "sync-errors",
          role: "secretariat",
          title: "Datatracker sync runs that failed",
          count: runs.length,
          href: "/admin/sync",
          items: runs.slice(0, SHOWN).map((r) => ({
            key: `sync-${r.id}`,
            label: `Run #${r.id}: ${r.errors.length} problem${r.errors.length === 1 ? "" : "s"}`,
            href: "/admin/sync",
            since: r.startedAt,
          })),
        };
      }),
    );
  }
  if (decide(actor, "admin.view", NO_RESOURCE).allowed) {
    parts.push(
      unchairedHandoffs(db, actor, "all"),
      Promise.resolve({
        key: "role-requests",
        role: "secretariat",
        title: "Role requests",
        count: 0,
        href: "/admin/roles",
        items: [],
        note: "People cannot request a role in the app yet, so nothing is recorded here: roles are granted on the Roles page when asked by e-mail.",
      }),
    );
  }

  const sections = await Promise.all(parts);
  return { sections, total: sections.reduce((n, s) => n + s.count, 0) };
}

/** The header's number: everything that waits for the person. */
export async function myWorkCount(db: Db, actor: MaybeActor): Promise<number> {
  return actor ? (await myWork(db, actor)).total : 0;
}
