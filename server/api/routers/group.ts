import { z } from "zod";
import { ZAcronym } from "~/server/domain/validation";
import {
  findCharterItems,
  findGroups,
  getGroup,
  groupsByArea,
} from "~/server/services/groups/find-groups";
import { findGroupWork } from "~/server/services/issues/group-work";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const groupRouter = createTRPCRouter({
  list: publicProcedure.query(({ ctx }) => findGroups(ctx.db)),
  byArea: publicProcedure.query(({ ctx }) => groupsByArea(ctx.db)),
  get: publicProcedure
    .input(z.object({ acronym: ZAcronym }))
    .query(({ ctx, input }) => getGroup(ctx.db, input.acronym)),
  charterItems: publicProcedure.query(({ ctx }) => findCharterItems(ctx.db)),
  work: publicProcedure
    .input(z.object({ acronym: ZAcronym }))
    .query(({ ctx, input }) => findGroupWork(ctx.db, ctx.actor, input.acronym)),
});
