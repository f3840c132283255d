import { z } from "zod";
import { safeString, ZAcronym, ZDocumentName } from "~/server/domain/validation";
import {
  postNewRevision,
  recordReplacement,
  setDocumentTags,
  transitionDocumentState,
  ZNewRevision,
  ZRecordReplacement,
  ZSetDocumentTags,
  ZTransitionDocument,
} from "~/server/services/documents/change-document";
import {
  findAdPipeline,
  findDocuments,
  findGroupDocuments,
  getDocument,
  ZFindDocuments,
} from "~/server/services/documents/find-documents";
import { importDocuments } from "~/server/services/documents/import-documents";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const documentRouter = createTRPCRouter({
  list: publicProcedure
    .input(ZFindDocuments)
    .query(({ ctx, input }) => findDocuments(ctx.db, input)),
  get: publicProcedure
    .input(z.object({ name: ZDocumentName }))
    .query(({ ctx, input }) => getDocument(ctx.db, ctx.actor, input.name)),
  byGroup: publicProcedure
    .input(z.object({ acronym: ZAcronym }))
    .query(({ ctx, input }) => findGroupDocuments(ctx.db, input.acronym)),
  pipeline: publicProcedure.query(({ ctx }) => findAdPipeline(ctx.db, ctx.actor)),
  transition: publicProcedure
    .input(ZTransitionDocument)
    .mutation(({ ctx, input }) => transitionDocumentState(ctx.db, ctx.actor, input)),
  setTags: publicProcedure
    .input(ZSetDocumentTags)
    .mutation(({ ctx, input }) => setDocumentTags(ctx.db, ctx.actor, input)),
  newRevision: publicProcedure
    .input(ZNewRevision)
    .mutation(({ ctx, input }) => postNewRevision(ctx.db, ctx.actor, input)),
  recordReplacement: publicProcedure
    .input(ZRecordReplacement)
    .mutation(({ ctx, input }) => recordReplacement(ctx.db, ctx.actor, input)),
  import: publicProcedure
    .input(
      z.object({
        text: safeString()
          .min(1, "The file is empty.")
          .max(20_000_000, "The file is larger than 20 MB; use the command-line import."),
      }),
    )
    .mutation(({ ctx, input }) => importDocuments(ctx.db, ctx.actor, input.text)),
});
