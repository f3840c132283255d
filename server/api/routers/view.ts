import { deleteView, ZDeleteView } from "~/server/services/views/delete-view";
import { listViews, ZListViews } from "~/server/services/views/list-views";
import { renameView, ZRenameView } from "~/server/services/views/rename-view";
import { saveView, ZSaveView } from "~/server/services/views/save-view";
import { shareView, ZShareView } from "~/server/services/views/share-view";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

export const viewRouter = createTRPCRouter({
  list: publicProcedure
    .input(ZListViews)
    .query(({ ctx, input }) => listViews(ctx.db, ctx.actor, input)),
  save: protectedProcedure
    .input(ZSaveView)
    .mutation(({ ctx, input }) => saveView(ctx.db, ctx.actor, input)),
  rename: protectedProcedure
    .input(ZRenameView)
    .mutation(({ ctx, input }) => renameView(ctx.db, ctx.actor, input)),
  share: protectedProcedure
    .input(ZShareView)
    .mutation(({ ctx, input }) => shareView(ctx.db, ctx.actor, input)),
  delete: protectedProcedure
    .input(ZDeleteView)
    .mutation(({ ctx, input }) => deleteView(ctx.db, ctx.actor, input)),
});
