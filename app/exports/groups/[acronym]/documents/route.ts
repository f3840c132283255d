import { downloadRoute } from "../../../../_trpc/download";

export const dynamic = "force-dynamic";

/** A group's documents as CSV or JSON. */
export async function GET(req: Request, { params }: { params: Promise<{ acronym: string }> }) {
  const { acronym } = await params;
  const format = new URL(req.url).searchParams.get("format") ?? "csv";
  return downloadRoute((api) => api.export.groupDocuments({ format, acronym }));
}
