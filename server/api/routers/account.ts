import { z } from "zod";
import { throttle } from "~/server/auth/throttle";
import {
  resendVerificationThrottled,
  verifyEmail,
} from "~/server/services/people/email-verification";
import { accountStatus } from "~/server/services/people/account-status";
import { mergeAccountsThrottled, ZMergeAccounts } from "~/server/services/people/merge-accounts";
import { signOutEverywhere } from "~/server/services/people/sessions";
import { signUpThrottled, ZSignUp } from "~/server/services/people/sign-up";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";

export const accountRouter = createTRPCRouter({
  signUp: publicProcedure
    .input(ZSignUp)
    .mutation(({ ctx, input }) =>
      signUpThrottled(ctx.db, throttle(), ctx.clientIp ?? "unknown", input),
    ),
  me: publicProcedure.query(({ ctx }) => ctx.actor),
  /**
   * Answers `true` to anyone signed in and nothing else: the cost of a signed-in
   * call itself (session, actor, tRPC, transformer), the floor the benchmark
   * measures other calls against.
   */
  ping: protectedProcedure.query(() => true as const),
  /** Follow an emailed verification link (anyone holding the link may use it, once). */
  verifyEmail: publicProcedure
    .input(z.object({ token: z.string().max(200) }))
    .mutation(({ ctx, input }) => verifyEmail(ctx.db, input.token)),
  /** The signed-in person's address, whether it is verified, and how they can sign in. */
  status: protectedProcedure.query(({ ctx }) => accountStatus(ctx.db, ctx.actor)),
  resendVerification: protectedProcedure
    .input(z.object({}).optional())
    .mutation(({ ctx }) => resendVerificationThrottled(ctx.db, throttle(), ctx.actor)),
  signOutEverywhere: protectedProcedure
    .input(z.object({}).optional())
    .mutation(({ ctx }) => signOutEverywhere(ctx.db, ctx.actor)),
  merge: protectedProcedure
    .input(ZMergeAccounts)
    .mutation(({ ctx, input }) => mergeAccountsThrottled(ctx.db, throttle(), ctx.actor, input)),
});
