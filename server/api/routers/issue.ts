import { z } from "zod";
import { zId } from "~/server/domain/validation";
import { ZIssueFields } from "~/server/domain/intake/fields";
import { commentOnIssue, ZCommentIssue } from "~/server/services/issues/comment-issue";
import {
  discardIssueDraft,
  getIssueDraft,
  saveIssueDraft,
  ZIssueDraft,
} from "~/server/services/issues/drafts";
import { editIssue, ZEditIssue } from "~/server/services/issues/edit-issue";
import { fileIssue } from "~/server/services/issues/file-issue";
import { countIssuesByState, findIssues, ZFindIssues } from "~/server/services/issues/find-issues";
import { getIssue } from "~/server/services/issues/get-issue";
import { listIssueEvents, ZIssueEvents } from "~/server/services/issues/issue-events";
import { linkDocument, ZLinkDocument } from "~/server/services/issues/link-document";
import { dispatchReport, ZDispatchReport } from "~/server/services/issues/report";
import {
  findPossibleDuplicates,
  suggestRouting,
  ZDuplicatesInput,
  ZSuggestInput,
} from "~/server/services/issues/suggest";
import {
  recommendForReview,
  transitionIssue,
  ZRecommendForReview,
  ZTransitionIssue,
} from "~/server/services/issues/transition-issue";
import {
  bulkTriage,
  findDispatchChairs,
  triageIssue,
  ZBulkTriage,
  ZTriageIssue,
} from "~/server/services/issues/triage-issue";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

const ZIssueId = z.object({ id: zId("The issue number") });

export const issueRouter = createTRPCRouter({
  file: protectedProcedure
    .input(ZIssueFields)
    .mutation(({ ctx, input }) => fileIssue(ctx.db, ctx.actor, input)),
  edit: protectedProcedure
    .input(ZEditIssue)
    .mutation(({ ctx, input }) => editIssue(ctx.db, ctx.actor, input)),
  get: publicProcedure
    .input(ZIssueId)
    .query(({ ctx, input }) => getIssue(ctx.db, ctx.actor, input.id)),
  /** One page of the issue's history (the public API's timeline). */
  events: publicProcedure
    .input(ZIssueEvents)
    .query(({ ctx, input }) => listIssueEvents(ctx.db, ctx.actor, input)),
  list: publicProcedure
    .input(ZFindIssues)
    .query(({ ctx, input }) => findIssues(ctx.db, ctx.actor, input)),
  counts: publicProcedure
    .input(ZFindIssues)
    .query(({ ctx, input }) => countIssuesByState(ctx.db, ctx.actor, input)),
  suggest: publicProcedure
    .input(ZSuggestInput)
    .query(({ ctx, input }) => suggestRouting(ctx.db, input)),
  duplicates: publicProcedure
    .input(ZDuplicatesInput)
    .query(({ ctx, input }) => findPossibleDuplicates(ctx.db, ctx.actor, input)),
  draft: protectedProcedure.query(({ ctx }) => getIssueDraft(ctx.db, ctx.actor)),
  saveDraft: protectedProcedure
    .input(ZIssueDraft)
    .mutation(({ ctx, input }) => saveIssueDraft(ctx.db, ctx.actor, input)),
  discardDraft: protectedProcedure.mutation(({ ctx }) => discardIssueDraft(ctx.db, ctx.actor)),
  comment: publicProcedure
    .input(ZCommentIssue)
    .mutation(({ ctx, input }) => commentOnIssue(ctx.db, ctx.actor, input)),
  linkDocument: publicProcedure
    .input(ZLinkDocument)
    .mutation(({ ctx, input }) => linkDocument(ctx.db, ctx.actor, input)),
  transition: publicProcedure
    .input(ZTransitionIssue)
    .mutation(({ ctx, input }) => transitionIssue(ctx.db, ctx.actor, input)),
  recommendForReview: publicProcedure
    .input(ZRecommendForReview)
    .mutation(({ ctx, input }) => recommendForReview(ctx.db, ctx.actor, input)),
  triage: publicProcedure
    .input(ZTriageIssue)
    .mutation(({ ctx, input }) => triageIssue(ctx.db, ctx.actor, input)),
  bulkTriage: publicProcedure
    .input(ZBulkTriage)
    .mutation(({ ctx, input }) => bulkTriage(ctx.db, ctx.actor, input)),
  chairs: publicProcedure.query(({ ctx }) => findDispatchChairs(ctx.db)),
  report: publicProcedure
    .input(ZDispatchReport)
    .query(({ ctx, input }) => dispatchReport(ctx.db, input)),
});
