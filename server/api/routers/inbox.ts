import { myWork, myWorkCount } from "~/server/services/inbox/my-work";
import { createTRPCRouter, publicProcedure } from "../trpc";

/** What waits for the signed-in person, per role they hold. */
export const inboxRouter = createTRPCRouter({
  myWork: publicProcedure.query(({ ctx }) => myWork(ctx.db, ctx.actor)),
  count: publicProcedure.query(({ ctx }) => myWorkCount(ctx.db, ctx.actor)),
});
