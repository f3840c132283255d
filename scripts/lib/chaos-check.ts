/**
 * What the chaos harness checks once the dust has settled, straight in the
 * database (and against the mails the SMTP peer received):
 * - every acknowledged write is there exactly once, with its event;
 * - no write is half-applied (a row without its event or an event without its row),
 *   and a refused write left nothing;
 * - each issue's and document's version equals 1 + its version-bumping events;
 * - every sent mail reached its recipient, and every copy received carries the
 *   Message-ID of exactly one outbox row (resends after a crash reuse it).
 */
import type { RawClient } from "../../bench/app/bulk";
import type { WriteRecord } from "./chaos-clients";

export interface ReceivedMail {
  to: string[];
  messageId: string | null;
}

export interface CheckReport {
  ok: boolean;
  acknowledged: Record<string, number>;
  unknown: number;
  refused: number;
  lost: string[];
  doubled: string[];
  halfApplied: string[];
  versionMismatches: string[];
  mail: {
    outbox: number;
    sent: number;
    pending: number;
    received: number;
    resentCopies: number;
    undelivered: string[];
    strangers: string[];
  };
}

const q = async (c: RawClient, sql: string, params: unknown[] = []) =>
  (await c.query(sql, params)).rows;

export async function checkChaos(
  c: RawClient,
  runId: string,
  records: readonly WriteRecord[],
  mails: readonly ReceivedMail[],
): Promise<CheckReport> {
  const lost: string[] = [];
  const doubled: string[] = [];
  const halfApplied: string[] = [];
  const versionMismatches: string[] = [];
  const acknowledged: Record<string, number> = {};
  for (const r of records)
    if (r.outcome === "ack") acknowledged[r.kind] = (acknowledged[r.kind] ?? 0) + 1;

  // Issues of this run, with their events.
  const issues = await q(
    c,
    `select i.id, i.title, i.version,
            (select count(*)::int from events e where e.subject_type = 'issue'
               and e.subject_key = i.id::text and e.type = 'filed') as filed,
            (select count(*)::int from events e where e.subject_type = 'issue'
               and e.subject_key = i.id::text and e.type not in ('filed', 'commented')) as bumps,
            (select count(*)::int from events e where e.subject_type = 'issue'
               and e.subject_key = i.id::text and e.type = 'discussion-started') as moved
       from issues i where i.title like $1`,
    [`%[chaos-${runId}-%`],
  );
  const byTitle = new Map<string, Record<string, unknown>[]>();
  for (const row of issues)
    byTitle.set(String(row.title), [...(byTitle.get(String(row.title)) ?? []), row]);
  for (const row of issues) {
    if (Number(row.filed) !== 1) halfApplied.push(`issue ${row.id}: ${row.filed} 'filed' events`);
    if (Number(row.version) !== 1 + Number(row.bumps))
      versionMismatches.push(
        `issue ${row.id}: version ${row.version}, ${row.bumps} bumping events`,
      );
  }
  const byId = new Map(issues.map((r) => [String(r.id), r]));
  for (const r of records) {
    if (r.kind === "file") {
      const n = byTitle.get(r.key)?.length ?? 0;
      if (n > 1) doubled.push(`filed twice: ${r.key}`);
      if (r.outcome === "ack" && n === 0) lost.push(`acknowledged filing missing: ${r.key}`);
      if (r.outcome === "refused" && n > 0) halfApplied.push(`refused filing present: ${r.key}`);
    } else if (r.kind === "transition") {
      const moved = Number(byId.get(r.key)?.moved ?? 0);
      if (moved > 1) doubled.push(`issue ${r.key} moved ${moved} times`);
      if (r.outcome === "ack" && moved === 0)
        lost.push(`acknowledged transition missing: issue ${r.key}`);
      if (r.outcome === "refused" && moved > 0)
        halfApplied.push(`refused transition applied: issue ${r.key}`);
    }
  }

  // Comments: the row and its event, once.
  const comments = await q(
    c,
    `select body, count(*)::int as n from issue_comments where body like $1 group by body`,
    [`%(chaos-${runId}-%`],
  );
  const commentN = new Map(comments.map((r) => [String(r.body), r]));
  for (const row of comments) {
    if (Number(row.n) > 1) doubled.push(`comment posted ${row.n} times: ${row.body}`);
  }
  for (const r of records.filter((x) => x.kind === "comment")) {
    const n = Number(commentN.get(r.key)?.n ?? 0);
    if (r.outcome === "ack" && n === 0) lost.push(`acknowledged comment missing: ${r.key}`);
    if (r.outcome === "refused" && n > 0) halfApplied.push(`refused comment present: ${r.key}`);
  }
  const commentEvents = await q(
    c,
    `select (select count(*)::int from issue_comments ic join issues i on i.id = ic.issue_id
              where i.title like $1) as rows,
            (select count(*)::int from events e join issues i on e.subject_type = 'issue'
               and e.subject_key = i.id::text where e.type = 'commented' and i.title like $1) as events`,
    [`%[chaos-${runId}-%`],
  );
  if (Number(commentEvents[0]!.rows) !== Number(commentEvents[0]!.events))
    halfApplied.push(
      `comments ${commentEvents[0]!.rows} but 'commented' events ${commentEvents[0]!.events}`,
    );

  // Documents: revisions, events and version agree; acknowledged revisions all there.
  const docs = await q(
    c,
    `select d.name, d.version,
            (select count(*)::int from events e where e.subject_type = 'document'
               and e.subject_key = d.name) as events,
            (select count(*)::int from events e where e.subject_type = 'document'
               and e.subject_key = d.name and e.type = 'new-revision') as revisions,
            (select count(*)::int from document_revisions r where r.document_name = d.name) as revision_rows
       from documents d where d.name like $1`,
    [`draft-chaos-${runId}-%`],
  );
  for (const d of docs) {
    if (Number(d.version) !== 1 + Number(d.events))
      versionMismatches.push(`document ${d.name}: version ${d.version}, ${d.events} events`);
    if (Number(d.revisions) !== Number(d.revision_rows))
      halfApplied.push(`document ${d.name}: ${d.revision_rows} revisions, ${d.revisions} events`);
    const acked = records.filter(
      (r) => r.kind === "revision" && r.key === d.name && r.outcome === "ack",
    ).length;
    const maybe = records.filter(
      (r) => r.kind === "revision" && r.key === d.name && r.outcome === "unknown",
    ).length;
    if (Number(d.revisions) < acked)
      lost.push(`document ${d.name}: ${acked} acknowledged revisions, ${d.revisions} recorded`);
    if (Number(d.revisions) > acked + maybe)
      doubled.push(`document ${d.name}: ${d.revisions} revisions for ${acked + maybe} requests`);
  }

  // Mail.
  const outbox = await q(c, `select message_id, to_address, status from outbox`);
  const rowsById = new Map(outbox.map((r) => [String(r.message_id).replace(/^<|>$/g, ""), r]));
  const seen = new Map<string, number>();
  const strangers: string[] = [];
  for (const m of mails) {
    const id = (m.messageId ?? "").replace(/^<|>$/g, "");
    const row = rowsById.get(id);
    if (!row || !m.to.map((t) => t.toLowerCase()).includes(String(row.to_address).toLowerCase()))
      strangers.push(`${m.messageId} to ${m.to.join(",")}`);
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  const undelivered = outbox
    .filter((r) => r.status === "sent" && !seen.has(String(r.message_id).replace(/^<|>$/g, "")))
    .map((r) => `${r.message_id} to ${r.to_address}`);
  const mail = {
    outbox: outbox.length,
    sent: outbox.filter((r) => r.status === "sent").length,
    pending: outbox.filter((r) => r.status !== "sent").length,
    received: mails.length,
    resentCopies: [...seen.values()].reduce((s, n) => s + n - 1, 0),
    undelivered,
    strangers,
  };
  // A run in which nothing was acknowledged proves nothing.
  const ok =
    Object.keys(acknowledged).length > 0 &&
    lost.length + doubled.length + halfApplied.length + versionMismatches.length === 0 &&
    undelivered.length + strangers.length + mail.pending === 0;
  return {
    ok,
    acknowledged,
    unknown: records.filter((r) => r.outcome === "unknown").length,
    refused: records.filter((r) => r.outcome === "refused").length,
    lost,
    doubled,
    halfApplied,
    versionMismatches,
    mail,
  };
}
