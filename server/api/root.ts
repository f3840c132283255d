import { accountRouter } from "./routers/account";
import { groupRouter } from "./routers/group";
import { issueRouter } from "./routers/issue";
import { roleRouter } from "./routers/role";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  group: groupRouter,
  issue: issueRouter,
  role: roleRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
