import { z } from "zod";
import type { Queryable } from "~/db/client";
import { TRIAGE_OPEN_STATES } from "~/server/domain/dispatch/states";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, NO_RESOURCE } from "~/server/domain/permissions/policy";
import { publicBaseUrl } from "~/server/env";
import {
  findIssueIds,
  issuesInOrder,
  type FindIssuesInput,
  type IssueListRow,
} from "../issues/find-issues";
import type { CsvColumn } from "./csv";
import { EXPORT_ROW_CAP, streamedTabular, ZExportFormat, type Download } from "./download";
import { issueFilterFromQuery, ZQueryPairs } from "./issue-filters";

export const ZExportIssues = z.object({ format: ZExportFormat, query: ZQueryPairs.default([]) });

/** One row per issue; the same columns for the issue list and the triage queue. */
const COLUMNS: readonly CsvColumn<IssueListRow>[] = [
  { header: "Number", value: (r) => r.id },
  { header: "Title", value: (r) => r.title },
  { header: "State", value: (r) => r.state },
  { header: "Charter item", value: (r) => r.charterItem },
  { header: "Suggested group", value: (r) => r.suggestedGroup },
  { header: "Top candidate", value: (r) => r.topCandidates[0]?.wg },
  { header: "Readiness", value: (r) => r.readiness },
  { header: "Confidential", value: (r) => r.confidential },
  { header: "Area", value: (r) => r.area },
  { header: "Submitter", value: (r) => r.submitterName },
  { header: "Responsible chair", value: (r) => r.responsibleChairName },
  { header: "Filed", value: (r) => r.createdAt },
  { header: "Updated", value: (r) => r.updatedAt },
  { header: "Link", value: (r) => `${publicBaseUrl()}/issues/${r.id}` },
];

/** Rows read at a time while a download is written. */
const EXPORT_BATCH = 250;

/**
 * Every issue the filter matches that the actor may see, in the list's order
 * (`findIssues`' query and visibility rule), up to `cap`: the ids are read at
 * once (so `truncated`, whether more matched, is known before the file starts),
 * and the rows a batch at a time as the file is written.
 */
export async function issueBatches(
  db: Queryable,
  actor: MaybeActor,
  filter: FindIssuesInput,
  { cap = EXPORT_ROW_CAP, batchSize = EXPORT_BATCH }: { cap?: number; batchSize?: number } = {},
): Promise<{ batches: AsyncIterable<IssueListRow[]>; truncated: boolean }> {
  const ids = await findIssueIds(db, actor, filter, cap + 1);
  const kept = ids.slice(0, cap);
  async function* batches() {
    for (let i = 0; i < kept.length; i += batchSize) {
      yield await issuesInOrder(db, actor, kept.slice(i, i + batchSize));
    }
  }
  return { batches: batches(), truncated: ids.length > cap };
}

function toJson(r: IssueListRow) {
  return {
    id: r.id,
    title: r.title,
    state: r.state,
    charterItem: r.charterItem,
    suggestedGroup: r.suggestedGroup,
    topCandidates: r.topCandidates.map((c) => ({ wg: c.wg, kind: c.kind, score: c.score })),
    readiness: r.readiness,
    confidential: r.confidential,
    area: r.area,
    submitter: r.submitterName,
    responsibleChair: r.responsibleChairName,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    url: `${publicBaseUrl()}/issues/${r.id}`,
  };
}

/** The issue list as a file: the page's filters, the viewer's visibility. */
export async function exportIssues(
  db: Queryable,
  actor: MaybeActor,
  input: z.infer<typeof ZExportIssues>,
): Promise<Download> {
  const filter = issueFilterFromQuery(input.query, actor);
  const { batches, truncated } = await issueBatches(db, actor, filter);
  return streamedTabular(input.format, "issues", COLUMNS, batches, {
    truncated,
    json: toJson,
    meta: { exportedAt: new Date().toISOString() },
  });
}

/** The chairs' triage queue as a file, with its current filters (open states by default). */
export async function exportTriage(
  db: Queryable,
  actor: MaybeActor,
  input: z.infer<typeof ZExportIssues>,
): Promise<Download> {
  assertCan(actor, "triage.view", NO_RESOURCE);
  const filter = issueFilterFromQuery(input.query, actor, { states: TRIAGE_OPEN_STATES });
  const { batches, truncated } = await issueBatches(db, actor, filter);
  const day = new Date().toISOString().slice(0, 10);
  return streamedTabular(input.format, `triage-${day}`, COLUMNS, batches, {
    truncated,
    json: toJson,
    meta: { exportedAt: new Date().toISOString() },
  });
}
