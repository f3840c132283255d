import { signUp, ZSignUp } from "~/server/services/people/sign-up";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const accountRouter = createTRPCRouter({
  signUp: publicProcedure.input(ZSignUp).mutation(({ ctx, input }) => signUp(ctx.db, input)),
  me: publicProcedure.query(({ ctx }) => ctx.actor),
});
