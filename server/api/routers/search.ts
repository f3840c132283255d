import { searchEverything, ZSearch } from "~/server/services/search/search-everything";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const searchRouter = createTRPCRouter({
  everything: publicProcedure
    .input(ZSearch)
    .query(({ ctx, input }) => searchEverything(ctx.db, ctx.actor, input)),
});
