import { z } from "zod";
import { zId } from "~/server/domain/validation";
import { viewOutbox } from "~/server/services/notifications/outbox-view";
import {
  getDeliveryPreferences,
  setDeliveryPreference,
  ZSetDelivery,
} from "~/server/services/notifications/preferences";
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
import {
  describeUnsubscribe,
  unsubscribeByToken,
  ZUnsubscribe,
} from "~/server/services/notifications/unsubscribe";
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
  deliveries: publicProcedure.query(({ ctx }) => getDeliveryPreferences(ctx.db, ctx.actor)),
  setDelivery: publicProcedure
    .input(ZSetDelivery)
    .mutation(({ ctx, input }) => setDeliveryPreference(ctx.db, ctx.actor, input)),
  watching: publicProcedure
    .input(ZWatchSubject)
    .query(({ ctx, input }) => isWatching(ctx.db, ctx.actor, input)),
  setWatch: publicProcedure
    .input(ZWatchSubject.extend({ active: z.boolean() }))
    .mutation(({ ctx, input }) => setWatch(ctx.db, ctx.actor, input)),
  outbox: publicProcedure.query(({ ctx }) => viewOutbox(ctx.db, ctx.actor)),
  /** One-click unsubscribe from a mail's List-Unsubscribe link: no sign-in, a signed token. */
  unsubscribeInfo: publicProcedure
    .input(ZUnsubscribe)
    .query(({ ctx, input }) => describeUnsubscribe(ctx.db, input)),
  unsubscribe: publicProcedure
    .input(ZUnsubscribe)
    .mutation(({ ctx, input }) => unsubscribeByToken(ctx.db, input)),
});
