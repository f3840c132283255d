import { downloadRoute, queryPairs } from "../../_trpc/download";

export const dynamic = "force-dynamic";

/** The issue list as CSV or JSON: `?format=csv|json` and the list page's filters. */
export async function GET(req: Request) {
  const format = new URL(req.url).searchParams.get("format") ?? "csv";
  return downloadRoute((api) => api.export.issues({ format, query: queryPairs(req) }));
}
