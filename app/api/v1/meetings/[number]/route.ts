import { restRoute } from "~/server/api/rest/route";

export const dynamic = "force-dynamic";
export const GET = restRoute("getMeeting");
