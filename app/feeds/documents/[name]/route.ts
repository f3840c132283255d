import { textSegment } from "../../../_components/search-params";
import { textRoute } from "../../../_trpc/route";

export const dynamic = "force-dynamic";

/** A document's changes as Atom. */
export async function GET(_req: Request, { params }: { params: Promise<{ name: string }> }) {
  const name = textSegment((await params).name, 120);
  if (name === null) return new Response("Not found", { status: 404 });
  return textRoute("application/atom+xml", (api) => api.feed.document({ name }));
}
