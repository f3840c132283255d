import { isDomainError } from "~/server/domain/errors";
import { getDb } from "~/server/db";
import { issueFeed } from "~/server/services/notifications/feeds";
import { idParam } from "../../../_components/search-params";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  if (id === null) return new Response("Not found", { status: 404 });
  try {
    const xml = await issueFeed(await getDb(), id);
    return new Response(xml, {
      headers: { "content-type": "application/atom+xml; charset=utf-8" },
    });
  } catch (e) {
    if (isDomainError(e) && e.code === "NOT_FOUND")
      return new Response("Not found", { status: 404 });
    throw e;
  }
}
