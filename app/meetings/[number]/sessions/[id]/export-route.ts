import { isDomainError } from "~/server/domain/errors";
import { getDb } from "~/server/db";
import { exportAgenda } from "~/server/services/meetings/agenda";
import { idParam } from "../../../../_components/search-params";

const TYPES = { md: "text/markdown", txt: "text/plain" } as const;

/** A GET handler that exports a session's agenda as Markdown or plain text. */
export function agendaExport(format: keyof typeof TYPES) {
  return async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
    const id = idParam((await params).id);
    if (id === null) return new Response("Not found", { status: 404 });
    try {
      const body = await exportAgenda(await getDb(), id, format);
      return new Response(body, { headers: { "content-type": `${TYPES[format]}; charset=utf-8` } });
    } catch (e) {
      if (isDomainError(e) && e.code === "NOT_FOUND")
        return new Response("Not found", { status: 404 });
      throw e;
    }
  };
}
