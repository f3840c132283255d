import {
  grantRole,
  listRoleGrants,
  revokeRole,
  ZGrantRole,
  ZRevokeRole,
} from "~/server/services/roles/manage-roles";
import { createTRPCRouter, publicProcedure } from "../trpc";

/** Secretariat procedures; the policy refuses everyone else (anonymous callers included). */
export const roleRouter = createTRPCRouter({
  list: publicProcedure.query(({ ctx }) => listRoleGrants(ctx.db, ctx.actor)),
  grant: publicProcedure
    .input(ZGrantRole)
    .mutation(({ ctx, input }) => grantRole(ctx.db, ctx.actor, input)),
  revoke: publicProcedure
    .input(ZRevokeRole)
    .mutation(({ ctx, input }) => revokeRole(ctx.db, ctx.actor, input)),
});
