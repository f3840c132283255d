import { downloadRoute } from "../../_trpc/download";

export const dynamic = "force-dynamic";

/** The dispatch report as CSV or JSON, for `from` and `to` as on the report page. */
export async function GET(req: Request) {
  const sp = new URL(req.url).searchParams;
  const format = sp.get("format") ?? "csv";
  const from = sp.get("from") ?? undefined;
  const to = sp.get("to") ?? undefined;
  return downloadRoute((api) => api.export.report({ format, from, to }));
}
