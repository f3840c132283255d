import { getDb } from "~/server/db";
import { groupFeed } from "~/server/services/notifications/feeds";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ acronym: string }> }) {
  const { acronym } = await params;
  if (!/^[a-z0-9-]{1,40}$/i.test(acronym)) return new Response("Not found", { status: 404 });
  const xml = await groupFeed(await getDb(), acronym);
  return new Response(xml, { headers: { "content-type": "application/atom+xml; charset=utf-8" } });
}
