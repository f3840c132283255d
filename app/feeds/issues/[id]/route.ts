import { textRoute } from "../../../_trpc/route";
import { idParam } from "../../../_components/search-params";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  if (id === null) return new Response("Not found", { status: 404 });
  return textRoute("application/atom+xml", (api) => api.feed.issue({ id }));
}
