import { textRoute } from "../../../../_trpc/route";
import { idParam } from "../../../../_components/search-params";

const TYPES = { md: "text/markdown", txt: "text/plain" } as const;

/** A GET handler that exports a session's agenda as Markdown or plain text. */
export function agendaExport(format: keyof typeof TYPES) {
  return async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
    const id = idParam((await params).id);
    if (id === null) return new Response("Not found", { status: 404 });
    return textRoute(TYPES[format], (api) => api.meeting.exportAgenda({ sessionId: id, format }));
  };
}
