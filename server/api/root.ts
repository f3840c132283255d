import { accountRouter } from "./routers/account";
import { apiTokenRouter } from "./routers/api-token";
import { documentRouter } from "./routers/document";
import { exportRouter } from "./routers/export";
import { feedRouter } from "./routers/feed";
import { groupRouter } from "./routers/group";
import { inboxRouter } from "./routers/inbox";
import { issueRouter } from "./routers/issue";
import { meetingRouter } from "./routers/meeting";
import { notificationRouter } from "./routers/notification";
import { roleRouter } from "./routers/role";
import { searchRouter } from "./routers/search";
import { syncRouter } from "./routers/sync";
import { viewRouter } from "./routers/view";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  apiToken: apiTokenRouter,
  document: documentRouter,
  export: exportRouter,
  feed: feedRouter,
  group: groupRouter,
  inbox: inboxRouter,
  issue: issueRouter,
  meeting: meetingRouter,
  notification: notificationRouter,
  role: roleRouter,
  search: searchRouter,
  sync: syncRouter,
  view: viewRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
