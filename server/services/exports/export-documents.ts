import { z } from "zod";
import type { Db } from "~/db/client";
import { ZAcronym } from "~/server/domain/validation";
import { publicBaseUrl } from "~/server/env";
import { findGroupDocuments } from "../documents/find-documents";
import { getGroup } from "../groups/find-groups";
import type { CsvColumn } from "./csv";
import { EXPORT_ROW_CAP, tabular, ZExportFormat, type Download } from "./download";

export const ZExportGroupDocuments = z.object({ format: ZExportFormat, acronym: ZAcronym });

type DocRow = {
  name: string;
  rev: string | null;
  title: string;
  tags: string[];
  wgState: string;
  wgStateName: string;
  states: Record<string, string>;
};

const COLUMNS: readonly CsvColumn<DocRow>[] = [
  { header: "Name", value: (d) => d.name },
  { header: "Revision", value: (d) => d.rev },
  { header: "Title", value: (d) => d.title },
  { header: "WG state", value: (d) => d.wgStateName },
  { header: "IESG state", value: (d) => d.states["draft-iesg"] },
  { header: "Tags", value: (d) => d.tags.join(" ") },
  { header: "Link", value: (d) => `${publicBaseUrl()}/documents/${d.name}` },
];

/** A group's documents (public, as on the group page), grouped by WG state, as a file. */
export async function exportGroupDocuments(
  db: Db,
  input: z.infer<typeof ZExportGroupDocuments>,
): Promise<Download> {
  const acronym = input.acronym.toLowerCase();
  await getGroup(db, acronym); // NOT_FOUND for a group that does not exist
  const buckets = await findGroupDocuments(db, acronym);
  const all: DocRow[] = buckets.flatMap((b) =>
    b.documents.map((d) => ({
      name: d.name,
      rev: d.rev,
      title: d.title,
      tags: d.tags,
      wgState: b.state,
      wgStateName: b.stateName,
      states: d.states,
    })),
  );
  const rows = all.slice(0, EXPORT_ROW_CAP);
  return tabular(input.format, `${acronym}-documents`, COLUMNS, rows, {
    truncated: all.length > rows.length,
    meta: { group: acronym, exportedAt: new Date().toISOString() },
  });
}
