import { textRoute } from "../../../../_trpc/route";
import { idParam } from "../../../../_components/search-params";
import { contentDisposition, wantsDownload } from "~/server/domain/http/content-disposition";

const TYPES = { md: "text/markdown", txt: "text/plain" } as const;

/**
 * A GET handler that exports a session's agenda as Markdown or plain text: shown
 * in the browser, or offered as a download with `?download`.
 */
export function agendaExport(format: keyof typeof TYPES) {
  return async function GET(
    req: Request,
    { params }: { params: Promise<{ number: string; id: string }> },
  ) {
    const p = await params;
    const id = idParam(p.id);
    if (id === null) return new Response("Not found", { status: 404 });
    const meeting = idParam(p.number);
    const fileName = `${meeting === null ? "" : `ietf-${meeting}-`}session-${id}-agenda.${format}`;
    const mode = wantsDownload(new URL(req.url)) ? "attachment" : "inline";
    return textRoute(TYPES[format], (api) => api.meeting.exportAgenda({ sessionId: id, format }), {
      "content-disposition": contentDisposition(mode, fileName),
    });
  };
}
