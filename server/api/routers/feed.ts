import { z } from "zod";
import { zId, ZDocumentName } from "~/server/domain/validation";
import { documentFeed, groupFeed, issueFeed } from "~/server/services/notifications/feeds";
import { createTRPCRouter, publicProcedure } from "../trpc";

/** Atom feeds, served as XML by the route handlers under `app/feeds`. */
export const feedRouter = createTRPCRouter({
  issue: publicProcedure
    .input(z.object({ id: zId("The issue number") }))
    .query(({ ctx, input }) => issueFeed(ctx.db, input.id)),
  group: publicProcedure
    .input(z.object({ acronym: z.string().regex(/^[a-z0-9-]{1,40}$/i) }))
    .query(({ ctx, input }) => groupFeed(ctx.db, input.acronym)),
  document: publicProcedure
    .input(z.object({ name: ZDocumentName }))
    .query(({ ctx, input }) => documentFeed(ctx.db, input.name)),
});
