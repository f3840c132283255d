import { and, desc, eq, or, sql } from "drizzle-orm";
import { Feed } from "feed";
import type { Db } from "~/db/client";
import { documents, events, issues, people } from "~/db/schema";
import { messageFor } from "~/server/domain/notifications/messages";
import { DomainError } from "~/server/domain/errors";
import { can } from "~/server/domain/permissions/policy";
import { publicBaseUrl } from "~/server/env";
import { redactIssueRefs } from "../issues/issue-refs";
import { issueResource } from "../issues/access";

type Row = {
  id: number;
  type: string;
  subjectType: string;
  subjectKey: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  actorName: string | null;
  issueTitle: string | null;
};

/** Characters XML 1.0 does not allow (C0 controls other than tab, newline and return). */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * The feed package writes entry titles and summaries as `type="html"`, so plain
 * text from contributors is escaped (and stripped of characters XML forbids).
 */
function asHtmlText(text: string): string {
  return text
    .replace(XML_INVALID, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function build(title: string, selfPath: string, pagePath: string, rows: Row[]): string {
  const root = publicBaseUrl();
  const feed = new Feed({
    title: title.replace(XML_INVALID, ""),
    id: `${root}${selfPath}`,
    link: `${root}${pagePath}`,
    updated: rows[0]?.createdAt ?? new Date(0),
    copyright: "Contributions to the IETF are subject to BCP 78 and BCP 79.",
    feedLinks: { atom: `${root}${selfPath}` },
    generator: "IOTOPS Dispatch",
  });
  for (const r of rows) {
    const m = messageFor({ ...r }, r.issueTitle ?? r.subjectKey);
    feed.addItem({
      title: asHtmlText(m.subject),
      id: `${root}/events/${r.id}`,
      link: `${root}${m.path}`,
      date: r.createdAt,
      description: asHtmlText(m.body),
      author: r.actorName ? [{ name: r.actorName }] : undefined,
    });
  }
  return feed.atom1();
}

const select = {
  id: events.id,
  type: events.type,
  subjectType: events.subjectType,
  subjectKey: events.subjectKey,
  payload: events.payload,
  createdAt: events.createdAt,
  actorName: people.name,
  issueTitle: issues.title,
};

/**
 * A public issue's timeline as Atom. A feed is what anyone may read, whoever
 * asks (feed readers send no session), so confidential issues have no feed.
 */
export async function issueFeed(db: Db, id: number): Promise<string> {
  const [issue] = await db.select().from(issues).where(eq(issues.id, id));
  if (!issue || !can(null, "issue.view", issueResource(issue))) {
    throw new DomainError("NOT_FOUND", `There is no issue #${id}.`);
  }
  const rows = await db
    .select(select)
    .from(events)
    .leftJoin(people, eq(people.id, events.actorId))
    .leftJoin(
      issues,
      sql`${events.subjectType} = 'issue' and ${issues.id}::text = ${events.subjectKey}`,
    )
    .where(and(eq(events.subjectType, "issue"), eq(events.subjectKey, String(id))))
    .orderBy(desc(events.id))
    .limit(100);
  return build(
    `Issue #${id}: ${issue.title}`,
    `/feeds/issues/${id}`,
    `/issues/${id}`,
    await redactIssueRefs(db, null, rows),
  );
}

/**
 * A group's dispatch activity as Atom: events on public issues that concern the
 * group, and its documents' state changes.
 */
export async function groupFeed(db: Db, acronym: string): Promise<string> {
  const group = acronym.toLowerCase();
  const rows = await db
    .select(select)
    .from(events)
    .leftJoin(people, eq(people.id, events.actorId))
    .leftJoin(
      issues,
      sql`${events.subjectType} = 'issue' and ${issues.id}::text = ${events.subjectKey}`,
    )
    .where(
      and(
        eq(events.groupAcronym, group),
        or(
          and(eq(events.subjectType, "issue"), eq(issues.confidential, false)),
          and(eq(events.subjectType, "document"), eq(events.type, "state-changed")),
        ),
      ),
    )
    .orderBy(desc(events.id))
    .limit(100);
  return build(
    `${group.toUpperCase()} dispatch activity`,
    `/feeds/groups/${group}`,
    `/groups/${group}`,
    await redactIssueRefs(db, null, rows),
  );
}

/**
 * A document's changes as Atom, like the Datatracker's document-changes feed:
 * state changes, revisions, tags, replacements and issue links. Feed readers
 * send no session, so a link to an issue anyone may not see is left out.
 */
export async function documentFeed(db: Db, name: string): Promise<string> {
  const [doc] = await db
    .select({ name: documents.name, title: documents.title })
    .from(documents)
    .where(eq(documents.name, name.toLowerCase()));
  if (!doc) throw new DomainError("NOT_FOUND", `There is no document ${name}.`);
  const rows = await db
    .select({ ...select, issueTitle: documents.title })
    .from(events)
    .innerJoin(documents, eq(documents.name, events.subjectKey))
    .leftJoin(people, eq(people.id, events.actorId))
    .where(and(eq(events.subjectType, "document"), eq(events.subjectKey, doc.name)))
    .orderBy(desc(events.id))
    .limit(100);
  return build(
    `${doc.name}: ${doc.title}`,
    `/feeds/documents/${doc.name}`,
    `/documents/${doc.name}`,
    await redactIssueRefs(db, null, rows, ["issue-linked", "issue-unlinked"]),
  );
}
