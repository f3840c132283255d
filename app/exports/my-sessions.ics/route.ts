import { downloadRoute } from "../../_trpc/download";

export const dynamic = "force-dynamic";

/** The signed-in person's sessions as iCalendar (401 when nobody is signed in). */
export async function GET() {
  return downloadRoute((api) => api.export.mySessions());
}
