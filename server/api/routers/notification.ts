import { z } from "zod";
import { zId } from "~/server/domain/validation";
import { viewOutbox } from "~/server/services/notifications/outbox-view";
import {
  getSettings,
  isWatching,
  listNotifications,
  markNotificationsRead,
  myUnreadCount,
  setEmailPreference,
  setWatch,
  ZWatchSubject,
} from "~/server/services/notifications/watches";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const notificationRouter = createTRPCRouter({
  list: publicProcedure
    .input(z.object({ unreadOnly: z.boolean().default(false) }).default({ unreadOnly: false }))
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.actor, input)),
  unreadCount: publicProcedure.query(({ ctx }) => myUnreadCount(ctx.db, ctx.actor)),
  markRead: publicProcedure
    .input(
      z.object({ ids: z.union([z.array(zId("The notification")).max(200), z.literal("all")]) }),
    )
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.actor, input.ids)),
  settings: publicProcedure.query(({ ctx }) => getSettings(ctx.db, ctx.actor)),
  setEmail: publicProcedure
    .input(z.object({ email: z.boolean() }))
    .mutation(({ ctx, input }) => setEmailPreference(ctx.db, ctx.actor, input.email)),
  watching: publicProcedure
    .input(ZWatchSubject)
    .query(({ ctx, input }) => isWatching(ctx.db, ctx.actor, input)),
  setWatch: publicProcedure
    .input(ZWatchSubject.extend({ active: z.boolean() }))
    .mutation(({ ctx, input }) => setWatch(ctx.db, ctx.actor, input)),
  outbox: publicProcedure.query(({ ctx }) => viewOutbox(ctx.db, ctx.actor)),
});
