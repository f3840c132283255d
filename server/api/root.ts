import { accountRouter } from "./routers/account";
import { documentRouter } from "./routers/document";
import { feedRouter } from "./routers/feed";
import { groupRouter } from "./routers/group";
import { issueRouter } from "./routers/issue";
import { meetingRouter } from "./routers/meeting";
import { notificationRouter } from "./routers/notification";
import { roleRouter } from "./routers/role";
import { syncRouter } from "./routers/sync";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  document: documentRouter,
  feed: feedRouter,
  group: groupRouter,
  issue: issueRouter,
  meeting: meetingRouter,
  notification: notificationRouter,
  role: roleRouter,
  sync: syncRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
