import { z } from "zod";
import { zId, zInt } from "~/server/domain/validation";
import {
  changeAgenda,
  exportAgenda,
  getSessionAgenda,
  recordMinutes,
  ZAgendaChange,
  ZRecordMinutes,
} from "~/server/services/meetings/agenda";
import {
  createMeeting,
  createSession,
  getMeeting,
  listMeetings,
  ZCreateMeeting,
  ZCreateSession,
} from "~/server/services/meetings/meetings";
import { scheduleSession, ZScheduleSession } from "~/server/services/meetings/schedule-session";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const meetingRouter = createTRPCRouter({
  list: publicProcedure.query(({ ctx }) => listMeetings(ctx.db)),
  get: publicProcedure
    .input(z.object({ number: zInt("The meeting number", 1, 999) }))
    .query(({ ctx, input }) => getMeeting(ctx.db, ctx.actor, input.number)),
  create: publicProcedure
    .input(ZCreateMeeting)
    .mutation(({ ctx, input }) => createMeeting(ctx.db, ctx.actor, input)),
  createSession: publicProcedure
    .input(ZCreateSession)
    .mutation(({ ctx, input }) => createSession(ctx.db, ctx.actor, input)),
  scheduleSession: publicProcedure
    .input(ZScheduleSession)
    .mutation(({ ctx, input }) => scheduleSession(ctx.db, ctx.actor, input)),
  agenda: publicProcedure
    .input(z.object({ sessionId: zId("The session") }))
    .query(({ ctx, input }) => getSessionAgenda(ctx.db, ctx.actor, input.sessionId)),
  exportAgenda: publicProcedure
    .input(z.object({ sessionId: zId("The session"), format: z.enum(["md", "txt"]) }))
    .query(({ ctx, input }) => exportAgenda(ctx.db, input.sessionId, input.format)),
  changeAgenda: publicProcedure
    .input(ZAgendaChange)
    .mutation(({ ctx, input }) => changeAgenda(ctx.db, ctx.actor, input)),
  recordMinutes: publicProcedure
    .input(ZRecordMinutes)
    .mutation(({ ctx, input }) => recordMinutes(ctx.db, ctx.actor, input)),
});
