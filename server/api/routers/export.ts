import {
  meetingDatesCalendar,
  mySessionsCalendar,
  sessionCalendar,
  ZMeetingCalendar,
  ZSessionCalendar,
} from "~/server/services/exports/calendar";
import {
  exportGroupDocuments,
  ZExportGroupDocuments,
} from "~/server/services/exports/export-documents";
import { exportIssues, exportTriage, ZExportIssues } from "~/server/services/exports/export-issues";
import { exportReport, ZExportReport } from "~/server/services/exports/export-report";
import { createTRPCRouter, publicProcedure } from "../trpc";

/**
 * Downloads (CSV, JSON, iCalendar), served as attachments by the route handlers
 * under `app/exports`. Each goes through the same services and policy as the
 * page it mirrors.
 */
export const exportRouter = createTRPCRouter({
  issues: publicProcedure
    .input(ZExportIssues)
    .query(({ ctx, input }) => exportIssues(ctx.db, ctx.actor, input)),
  triage: publicProcedure
    .input(ZExportIssues)
    .query(({ ctx, input }) => exportTriage(ctx.db, ctx.actor, input)),
  groupDocuments: publicProcedure
    .input(ZExportGroupDocuments)
    .query(({ ctx, input }) => exportGroupDocuments(ctx.db, input)),
  report: publicProcedure
    .input(ZExportReport)
    .query(({ ctx, input }) => exportReport(ctx.db, input)),
  meetingDates: publicProcedure
    .input(ZMeetingCalendar)
    .query(({ ctx, input }) => meetingDatesCalendar(ctx.db, input)),
  session: publicProcedure
    .input(ZSessionCalendar)
    .query(({ ctx, input }) => sessionCalendar(ctx.db, input)),
  mySessions: publicProcedure.query(({ ctx }) => mySessionsCalendar(ctx.db, ctx.actor)),
});
