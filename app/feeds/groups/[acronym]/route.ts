import { textRoute } from "../../../_trpc/route";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ acronym: string }> }) {
  const { acronym } = await params;
  return textRoute("application/atom+xml", (api) => api.feed.group({ acronym }));
}
