import { agendaExport } from "../export-route";

export const dynamic = "force-dynamic";
export const GET = agendaExport("txt");
