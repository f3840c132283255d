import { z } from "zod";
import { ZFindDocuments } from "~/server/services/documents/find-documents";
import { ZFindIssues } from "~/server/services/issues/find-issues";
import { ZIssueEvents } from "~/server/services/issues/issue-events";
import { ZDispatchReport } from "~/server/services/issues/report";
import { ZAcronym, ZDocumentName, zId, zInt } from "~/server/domain/validation";
import type { createCaller } from "../root";
import { decodeOffset, encodeOffset, slicePage, ZPage } from "./pagination";
import * as S from "./schemas";

export type Caller = ReturnType<typeof createCaller>;
type Input = Record<string, unknown>;

/**
 * One `GET /api/v1/…` operation: its URL, the query it takes (the router's own
 * input schema, under the names the pages' URLs use), what it answers, and the
 * router call behind it. The handler and the OpenAPI document both read this table.
 */
export interface Endpoint {
  operationId: string;
  /** OpenAPI path under /api/v1, e.g. `/issues/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Path parameters (strings in the URL; digits become numbers). */
  params?: z.ZodObject;
  /** Query parameters; names listed in `arrays` may repeat. */
  query?: z.ZodObject;
  arrays?: readonly string[];
  output: z.ZodType;
  read(api: Caller, input: Input): Promise<unknown>;
}

const F = ZFindIssues.shape;
/** The issue list's filters: ZFindIssues, with `state` and `area` named as in the pages' URLs. */
const IssueQuery = z.object({
  q: F.q,
  state: F.states,
  charterItem: F.charterItem,
  suggestedGroup: F.suggestedGroup,
  responsibleChair: F.responsibleChair,
  minAgeDays: F.minAgeDays,
  maxAgeDays: F.maxAgeDays,
  area: F.areas,
  sort: F.sort,
  cursor: F.cursor,
  limit: F.limit,
});

const DocumentQuery = ZFindDocuments.omit({ offset: true, limit: true }).extend(ZPage.shape);
const IdParam = z.object({ id: zId("The issue number") });
const NameParam = z.object({ name: ZDocumentName });
const AcronymParam = z.object({ acronym: ZAcronym });

export const ENDPOINTS: readonly Endpoint[] = [
  {
    operationId: "listIssues",
    path: "/issues",
    tag: "Issues",
    summary: "List issues",
    description:
      "Issues the caller may see, newest first by default, with the issue list's filters. Confidential issues appear only for people the policy entitles.",
    query: IssueQuery,
    arrays: ["state", "area"],
    output: S.page(S.IssueSummary, "IssuePage"),
    read: (api, { state, area, ...rest }) =>
      api.issue.list({ ...rest, states: state, areas: area } as z.input<typeof ZFindIssues>),
  },
  {
    operationId: "getIssue",
    path: "/issues/{id}",
    tag: "Issues",
    summary: "One issue",
    params: IdParam,
    output: S.Issue,
    read: (api, { id }) => api.issue.get({ id: id as number }),
  },
  {
    operationId: "listIssueEvents",
    path: "/issues/{id}/events",
    tag: "Issues",
    summary: "An issue's timeline",
    description: "The issue's events, oldest first.",
    params: IdParam,
    query: ZIssueEvents.omit({ id: true }),
    output: S.page(S.IssueEvent, "IssueEventPage"),
    read: (api, input) => api.issue.events(input as z.input<typeof ZIssueEvents>),
  },
  {
    operationId: "listDocuments",
    path: "/documents",
    tag: "Documents",
    summary: "List documents",
    description: "Tracked documents, most recently updated first; `q` matches name or title.",
    query: DocumentQuery,
    output: S.page(S.DocumentSummary, "DocumentPage"),
    read: async (api, { cursor, limit, ...rest }) => {
      const offset = decodeOffset(cursor as string | undefined);
      const r = await api.document.list({ ...rest, offset, limit } as z.input<
        typeof ZFindDocuments
      >);
      return {
        items: r.items,
        nextCursor: r.more ? encodeOffset(offset + r.items.length) : null,
      };
    },
  },
  {
    operationId: "getDocument",
    path: "/documents/{name}",
    tag: "Documents",
    summary: "One document",
    params: NameParam,
    output: S.Document,
    read: (api, { name }) => api.document.get({ name: name as string }),
  },
  {
    operationId: "listGroups",
    path: "/groups",
    tag: "Groups",
    summary: "List groups",
    query: ZPage,
    output: S.page(S.Group, "GroupPage"),
    read: async (api, input) => slicePage(await api.group.list(), input),
  },
  {
    operationId: "getGroup",
    path: "/groups/{acronym}",
    tag: "Groups",
    summary: "One group",
    params: AcronymParam,
    output: S.Group,
    read: (api, { acronym }) => api.group.get({ acronym: acronym as string }),
  },
  {
    operationId: "listMeetings",
    path: "/meetings",
    tag: "Meetings",
    summary: "List meetings",
    description: "IETF meetings in the tracker, latest first.",
    query: ZPage,
    output: S.page(S.Meeting, "MeetingPage"),
    read: async (api, input) => slicePage(await api.meeting.list(), input),
  },
  {
    operationId: "getMeeting",
    path: "/meetings/{number}",
    tag: "Meetings",
    summary: "One meeting",
    description: "A meeting with its important dates and its sessions.",
    params: z.object({ number: zInt("The meeting number", 1, 999) }),
    output: S.MeetingDetail,
    read: (api, { number }) => api.meeting.get({ number: number as number }),
  },
  {
    operationId: "getSession",
    path: "/sessions/{id}",
    tag: "Meetings",
    summary: "One session and its agenda",
    params: z.object({ id: zId("The session") }),
    output: S.Session,
    read: (api, { id }) => api.meeting.agenda({ sessionId: id as number }),
  },
  {
    operationId: "getDispatchReport",
    path: "/report",
    tag: "Report",
    summary: "The dispatch report",
    description:
      "Dispatch outcomes over a date range (UTC days, by dispatch date); public issues only. Without dates: the year up to today.",
    query: ZDispatchReport,
    output: S.DispatchReport,
    read: (api, input) => api.issue.report(input as z.input<typeof ZDispatchReport>),
  },
];

export function endpoint(operationId: string): Endpoint {
  const e = ENDPOINTS.find((x) => x.operationId === operationId);
  if (!e) throw new Error(`No API endpoint ${operationId}`);
  return e;
}
