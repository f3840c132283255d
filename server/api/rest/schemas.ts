import { z } from "zod";
import { ISSUE_STATES } from "~/server/domain/dispatch/states";

/**
 * The public API's response bodies. They are the contract: a router's result is
 * passed through one of these (unknown keys are dropped), so a field reaches
 * clients only when it is listed here, and the OpenAPI document is generated
 * from the same schemas. Times are ISO 8601 strings in UTC.
 */
const Time = z.iso.datetime().meta({ description: "ISO 8601 time in UTC" });
const Day = z.iso.date();

/** A page of a list: follow `nextCursor` (as `?cursor=`) until it is null. */
export function page<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
    })
    .meta({ id });
}

export const IssueSummary = z
  .object({
    id: z.number().int(),
    title: z.string(),
    state: z.enum(ISSUE_STATES),
    confidential: z.boolean(),
    charterItem: z.string().nullable(),
    suggestedGroup: z.string().nullable(),
    area: z.string(),
    readiness: z.number().int(),
    submitterName: z.string(),
    responsibleChairName: z.string().nullable(),
    createdAt: Time,
    updatedAt: Time,
  })
  .meta({ id: "IssueSummary" });

const PersonRef = z.object({ id: z.number().int(), name: z.string() });

export const Issue = z
  .object({
    issue: z.object({
      id: z.number().int(),
      title: z.string(),
      problemStatement: z.string(),
      desiredOutcome: z.string(),
      state: z.enum(ISSUE_STATES),
      confidential: z.boolean(),
      charterItem: z.string().nullable(),
      suggestedGroup: z.string().nullable(),
      area: z.string(),
      readiness: z.number().int(),
      duplicateOf: z.number().int().nullable(),
      createdAt: Time,
      updatedAt: Time,
      dispatchedAt: Time.nullable(),
    }),
    submitter: PersonRef.nullable(),
    responsibleChair: PersonRef.nullable(),
    documents: z.array(
      z.object({
        name: z.string(),
        title: z.string().nullable(),
        rev: z.string().nullable(),
        group: z.string().nullable(),
        known: z.boolean(),
      }),
    ),
    comments: z.array(
      z.object({ id: z.number().int(), body: z.string(), createdAt: Time, authorName: z.string() }),
    ),
  })
  .meta({ id: "Issue" });

export const IssueEvent = z
  .object({
    id: z.number().int(),
    type: z.string(),
    actorName: z.string().nullable(),
    actorCapacity: z.string().nullable(),
    groupAcronym: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()),
    createdAt: Time,
  })
  .meta({ id: "IssueEvent" });

const States = z
  .record(z.string(), z.string())
  .meta({ description: "Current state slug per Datatracker state type" });

export const DocumentSummary = z
  .object({
    name: z.string(),
    rev: z.string().nullable(),
    title: z.string(),
    group: z.string().nullable(),
    intendedStdLevel: z.string().nullable(),
    updatedAt: Time,
    states: States,
  })
  .meta({ id: "DocumentSummary" });

export const Document = z
  .object({
    document: z.object({
      name: z.string(),
      rev: z.string().nullable(),
      title: z.string(),
      abstract: z.string(),
      stream: z.string().nullable(),
      groupAcronym: z.string().nullable(),
      intendedStdLevel: z.string().nullable(),
      tags: z.array(z.string()),
      updatedAt: Time,
    }),
    axes: z.array(
      z.object({
        stateType: z.string(),
        label: z.string(),
        slug: z.string().nullable(),
        name: z.string().nullable(),
      }),
    ),
    replaces: z.array(z.object({ name: z.string(), tracked: z.boolean() })),
    replacedBy: z.array(z.object({ name: z.string(), tracked: z.boolean() })),
    linkedIssues: z.array(
      z.object({ id: z.number().int(), title: z.string(), state: z.enum(ISSUE_STATES) }),
    ),
    datatrackerUrl: z.string(),
  })
  .meta({ id: "Document" });

export const Group = z
  .object({
    acronym: z.string(),
    name: z.string(),
    type: z.string(),
    area: z.string().nullable(),
    areaName: z.string().nullable(),
    state: z.string(),
    summary: z.string(),
    charterItems: z.array(z.string()),
    iot: z.boolean(),
    hasDispatchRole: z.boolean(),
    successors: z.array(z.string()),
  })
  .meta({ id: "Group" });

export const Meeting = z
  .object({
    number: z.number().int(),
    venue: z.string(),
    timeZone: z.string(),
    startDate: Day,
    endDate: Day,
  })
  .meta({ id: "Meeting" });

export const SessionSummary = z
  .object({
    id: z.number().int(),
    group: z.string(),
    groupName: z.string().nullable(),
    startsAt: z.string().meta({ description: "As the secretariat entered it" }),
    room: z.string(),
    agendaPublishedAt: Time.nullable(),
    items: z.number().int().meta({ description: "Public agenda items" }),
  })
  .meta({ id: "SessionSummary" });

export const MeetingDetail = z
  .object({
    meeting: Meeting,
    dates: z.array(
      z.object({ slug: z.string(), name: z.string(), day: Day, offsetDays: z.number().int() }),
    ),
    sessions: z.array(SessionSummary),
  })
  .meta({ id: "MeetingDetail" });

export const Session = z
  .object({
    sessionId: z.number().int(),
    meetingNumber: z.number().int(),
    venue: z.string(),
    timeZone: z.string(),
    group: z.string(),
    groupName: z.string(),
    startsAt: z.string(),
    room: z.string(),
    publishedAt: Time.nullable(),
    items: z.array(
      z.object({
        issueId: z.number().int(),
        title: z.string(),
        presenter: z.string(),
        minutesRequested: z.number().int(),
        position: z.number().int(),
      }),
    ),
  })
  .meta({ id: "Session" });

export const DispatchReport = z
  .object({
    from: Day,
    to: Day,
    total: z.number().int(),
    medianDays: z.number().nullable(),
    p90Days: z.number().nullable(),
    byDestination: z.array(
      z.object({ destination: z.string(), kind: z.string(), n: z.number().int() }),
    ),
    byCharterItem: z.array(z.object({ charterItem: z.string(), n: z.number().int() })),
  })
  .meta({ id: "DispatchReport" });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string().optional(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });
