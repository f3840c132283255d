import { idParam } from "../../../../_components/search-params";
import { downloadRoute } from "../../../../_trpc/download";

export const dynamic = "force-dynamic";

/** A meeting's important dates as iCalendar. */
export async function GET(_req: Request, { params }: { params: Promise<{ number: string }> }) {
  const number = idParam((await params).number);
  if (number === null) return new Response("Not found\n", { status: 404 });
  return downloadRoute((api) => api.export.meetingDates({ number }));
}
