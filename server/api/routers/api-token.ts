import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  ZCreateApiToken,
  ZRevokeApiToken,
} from "~/server/services/api-tokens/api-tokens";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** Personal API tokens for `/api/v1` (settings page). */
export const apiTokenRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listApiTokens(ctx.db, ctx.actor)),
  create: protectedProcedure
    .input(ZCreateApiToken)
    .mutation(({ ctx, input }) => createApiToken(ctx.db, ctx.actor, input)),
  revoke: protectedProcedure
    .input(ZRevokeApiToken)
    .mutation(({ ctx, input }) => revokeApiToken(ctx.db, ctx.actor, input)),
});
