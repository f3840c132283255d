import { idParam } from "../../../_components/search-params";
import { downloadRoute } from "../../../_trpc/download";

export const dynamic = "force-dynamic";

/** One session as iCalendar, at `/exports/sessions/<id>.ics`. */
export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const m = /^(\d{1,10})\.ics$/.exec((await params).file);
  const id = m ? idParam(m[1]!) : null;
  if (id === null) return new Response("Not found\n", { status: 404 });
  return downloadRoute((api) => api.export.session({ id }));
}
