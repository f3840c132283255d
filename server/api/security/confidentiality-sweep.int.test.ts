/**
 * The confidentiality sweep: every query procedure of the app router (walked,
 * so a new query fails here until this file says how to call it) and every
 * route handler that serves issues outside tRPC, called as each role with
 * inputs that point at the confidential issues: their numbers, their secret
 * words, the document one is linked to, the agenda it sits on, the group and
 * the lists, queues, feeds and reports that would include them.
 *
 * For a role the policy does not let see them, no answer (data or error) may
 * contain a secret word or their numbers, and a lookup of one answers exactly
 * like a lookup of a missing issue. Who sees them where is written here by
 * hand (docs/security.md, "Confidential issues"); the roles that may see them
 * must find them in the direct reads, so the sweep can fail. Channels that show
 * confidential issues to nobody (feeds, agendas, the report) are proven to
 * carry them by making the issues public in a rolled-back transaction.
 *
 * Two of the issues were public first, as the app allows: copies made of them
 * then (other issues' routing records and timelines, the routing engine,
 * watchers' notifications) must not outlive their becoming confidential.
 */
import { and, eq, inArray } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "~/db/client";
import { agendaItems, issues } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { DOC } from "../../services/documents/test-fixtures";
import { commentOnIssue } from "../../services/issues/comment-issue";
import { linkDocument } from "../../services/issues/link-document";
import { editIssue } from "../../services/issues/edit-issue";
import {
  act,
  driveTo,
  file,
  intake,
  issueRow,
  LONG_PROBLEM,
} from "../../services/issues/test-fixtures";
import { setWatch } from "../../services/notifications/watches";
import { answer, answerOnHandle, type Answer } from "./call";
import {
  actorFor,
  buildWorld,
  procedures,
  SECRET_NUMBER,
  SECRET_TITLE,
  SECRET_WORDS,
  type World,
} from "./world";

// The route handlers build their context from the request's session; here it is the sweep's.
const context = vi.hoisted(() => ({ current: null as unknown }));
vi.mock("server-only", () => ({}));
vi.mock("~/server/api/context", () => ({ createContext: async () => context.current }));

const { GET: issueFeedRoute } = await import("~/app/feeds/issues/[id]/route");
const { GET: groupFeedRoute } = await import("~/app/feeds/groups/[acronym]/route");
const { GET: agendaMdRoute } =
  await import("~/app/meetings/[number]/sessions/[id]/agenda.md/route");
const { GET: agendaTxtRoute } =
  await import("~/app/meetings/[number]/sessions/[id]/agenda.txt/route");
const { GET: documentFeedRoute } = await import("~/app/feeds/documents/[name]/route");
const { GET: issuesExportRoute } = await import("~/app/exports/issues/route");
const { GET: triageExportRoute } = await import("~/app/exports/triage/route");
const { GET: reportExportRoute } = await import("~/app/exports/report/route");
const { GET: groupDocumentsExportRoute } =
  await import("~/app/exports/groups/[acronym]/documents/route");
const { GET: meetingDatesRoute } = await import("~/app/exports/meetings/[number]/dates.ics/route");
const { GET: sessionIcsRoute } = await import("~/app/exports/sessions/[file]/route");
const { GET: mySessionsRoute } = await import("~/app/exports/my-sessions.ics/route");

/** Everyone the sweep asks: the matrix's roles, the submitter and an AD of another area. */
const SWEEP_ROLES = [
  "anonymous",
  "contributor",
  "unverified",
  "otherChair",
  "otherAd",
  "submitter",
  "iotopsChair",
  "ad",
  "secretariat",
] as const;
type SweepRole = (typeof SWEEP_ROLES)[number];

/**
 * Who may see the confidential issues (both are OPS-area issues filed by Alice,
 * one in discussion, one dispatched to IOTOPS itself): the submitter, the IOTOPS
 * chairs, the OPS ADs and the secretariat. Not the SUIT chair (no work was
 * handed to SUIT), not the INT AD.
 */
const MAY_SEE: Record<SweepRole, boolean> = {
  anonymous: false,
  contributor: false,
  unverified: false,
  otherChair: false,
  otherAd: false,
  submitter: true,
  iotopsChair: true,
  ad: true,
  secretariat: true,
};
const ENTITLED = SWEEP_ROLES.filter((r) => MAY_SEE[r]);
/** Of those, the ones the triage queue is for: the IOTOPS chairs and the secretariat. */
const TRIAGERS: readonly SweepRole[] = ["iotopsChair", "secretariat"];
const BARRED = SWEEP_ROLES.filter((r) => !MAY_SEE[r]);
const NOBODY: readonly SweepRole[] = [];

/** No issue has this number. */
const MISSING_NUMBER = SECRET_NUMBER + 500;

/** What the sweep set up beyond the shared world. */
interface Sweep {
  w: World;
  /**
   * Filed public by Alice, dispatched, declined, made confidential by her and dispatched
   * again to IOTOPS (a BCP): in the group's work and the report's date range.
   */
  dispatchedSecret: number;
  /** A public issue filed while `dispatchedSecret` was public and similar to it. */
  echo: number;
  /**
   * Filed public by Alice, closed as a duplicate of `w.submitted` (whose timeline records
   * the merge), reopened and made confidential by her.
   */
  merged: number;
  /** The confidential issues' numbers. */
  hidden: number[];
}

function sweepActor(s: Sweep, role: SweepRole): MaybeActor {
  if (role === "submitter") return s.w.cast.alice;
  if (role === "otherAd") return s.w.cast.intAd;
  return actorFor(s.w, role);
}

/**
 * An answer as text: every value the caller receives, Dates included. superjson's
 * JSON keeps each number a value where it stands; the wire's devalue text
 * (server/api/transformer.ts) writes references as indexes, which the number checks
 * below would mistake for issue numbers.
 */
function serialize(a: Answer): string {
  return a.ok
    ? superjson.stringify(a.data)
    : JSON.stringify({ code: a.code, message: a.message, domain: a.domain });
}

/**
 * A word only in the title `merged` had while it was public: once it is
 * confidential, that title is its own, and no more public than its new one.
 */
const FORMER_WORD = "quillwort";
const HIDDEN_WORDS = [...SECRET_WORDS, FORMER_WORD];
const hasSecretWord = (text: string) =>
  HIDDEN_WORDS.some((word) => text.toLowerCase().includes(word.toLowerCase()));
const numberIn = (text: string, n: number) => new RegExp(`(?<![0-9])${n}(?![0-9])`).test(text);

/** The default test: a secret word, or a confidential issue's number (`#N`, `"id":N`, `/issues/N`). */
function revealsByText(s: Sweep, text: string): boolean {
  return hasSecretWord(text) || s.hidden.some((n) => numberIn(text, n));
}

/** Where an answer gives something away (for failure messages): the text around it. */
function evidence(s: Sweep, text: string): string {
  const lower = text.toLowerCase();
  const at = [
    ...HIDDEN_WORDS.map((w) => lower.indexOf(w.toLowerCase())),
    ...s.hidden.map((n) => text.search(new RegExp(`(?<![0-9])${n}(?![0-9])`))),
  ].filter((i) => i >= 0);
  if (at.length === 0) return text.slice(0, 200);
  const i = Math.min(...at);
  return `…${text.slice(Math.max(0, i - 150), i + 100)}…`;
}

/**
 * How an answer to a read would give the confidential issues away. Written per
 * case where the default (a secret word or number in the text) is not the whole
 * story: counts and reports reveal existence by a number that is too large.
 */
type Reveals = (s: Sweep, text: string, a: Answer) => boolean;

interface Case {
  path: string;
  /** What the input points at. */
  about: string;
  input: (s: Sweep) => unknown;
  /** The roles that must find the confidential issues in this answer; the barred ones never may. */
  shows: readonly SweepRole[];
  /**
   * The same read for a missing issue: a barred role must get the same answer,
   * up to the number asked for.
   */
  missing?: (s: Sweep) => unknown;
  /**
   * A channel that shows confidential issues to nobody: once the issues are made
   * public (in a rolled-back transaction), an anonymous reader finds them here.
   */
  reachesWhenPublic?: boolean;
  reveals?: Reveals;
  /**
   * Read on the database handle, outside a transaction: the routing engine is kept
   * per handle, and learnt the dispatched issue while it was public.
   */
  onHandle?: boolean;
}

const data = (a: Answer) => (a.ok ? (a.data as Record<string, unknown>) : {});
/** issue.counts: more issues than the public ones matched (the world has no public match). */
const countsAnyIssue: Reveals = (_s, _t, a) =>
  Object.values((data(a).byState as Record<string, unknown> | undefined) ?? {}).some(
    (n) => typeof n === "number" && n > 0,
  );
/** view.list: a view's live count includes a confidential issue (the world has no public match). */
function viewCountsAnything(a: Answer): boolean {
  if (!a.ok || !Array.isArray(a.data)) return false;
  return (a.data as { check: { ok: boolean; count?: number } }[]).some(
    (v) => v.check.ok && (v.check.count ?? 0) > 0,
  );
}
/** search.everything echoes the words typed: everything but that echo must not give it away. */
const searchReveals: Reveals = (s, _t, a) =>
  revealsByText(s, superjson.stringify({ ...data(a), q: "" }));
/**
 * The report counts dispatched issues; the world has one public one
 * (`dispatched`), so a larger total counts the confidential one.
 */
const reportCountsMore: Reveals = (s, text, a) => revealsByText(s, text) || data(a).total !== 1;
/**
 * A person's own watches echo the keys they typed, whether or not such an issue
 * exists or is visible (the barred roles watch the missing number too, and the
 * answers are alike): only the secret words count here.
 */
const wordsOnly: Reveals = (_s, text) => hasSecretWord(text);
/** The report as a JSON download: a total above the one public dispatch counts a hidden one. */
const exportedReportCountsMore: Reveals = (s, text, a) => {
  const body = data(a).body;
  return revealsByText(s, text) || (typeof body === "string" && JSON.parse(body).total !== 1);
};

const CASES: Case[] = [
  { path: "account.me", about: "the caller", input: () => undefined, shows: NOBODY },
  { path: "account.status", about: "the caller", input: () => undefined, shows: NOBODY },
  { path: "apiToken.list", about: "the caller's tokens", input: () => undefined, shows: NOBODY },
  {
    path: "issue.events",
    about: "the confidential issue's timeline",
    input: (s) => ({ id: s.w.secret }),
    missing: () => ({ id: MISSING_NUMBER }),
    shows: ENTITLED,
  },
  {
    path: "issue.events",
    about: "the public issue the now confidential one was merged into (its timeline)",
    input: (s) => ({ id: s.w.submitted }),
    shows: ENTITLED,
  },
  { path: "account.ping", about: "the caller", input: () => undefined, shows: NOBODY },
  {
    path: "document.list",
    about: "a search for the linked document",
    input: () => ({ q: DOC.mudRats }),
    shows: NOBODY,
  },
  { path: "document.list", about: "every document", input: () => ({}), shows: NOBODY },
  {
    path: "document.get",
    about: "the document the confidential issue is linked to (linked issues, history)",
    input: () => ({ name: DOC.mudRats }),
    shows: ENTITLED,
  },
  {
    path: "document.byGroup",
    about: "IOTOPS documents",
    input: () => ({ acronym: "iotops" }),
    shows: NOBODY,
  },
  { path: "document.pipeline", about: "the AD pipeline", input: () => undefined, shows: NOBODY },
  {
    path: "feed.issue",
    about: "the confidential issue's feed",
    input: (s) => ({ id: s.w.secret }),
    missing: () => ({ id: MISSING_NUMBER }),
    shows: NOBODY,
    reachesWhenPublic: true,
  },
  {
    path: "feed.issue",
    about: "the dispatched confidential issue's feed",
    input: (s) => ({ id: s.dispatchedSecret }),
    missing: () => ({ id: MISSING_NUMBER }),
    shows: NOBODY,
    reachesWhenPublic: true,
  },
  {
    path: "feed.issue",
    about: "the feed of the public issue similar to the dispatched one",
    input: (s) => ({ id: s.echo }),
    shows: NOBODY,
  },
  {
    path: "feed.issue",
    about: "the feed of the public issue the now confidential one was merged into",
    input: (s) => ({ id: s.w.submitted }),
    shows: NOBODY,
  },
  {
    path: "feed.group",
    about: "the IOTOPS feed",
    input: () => ({ acronym: "iotops" }),
    shows: NOBODY,
    reachesWhenPublic: true,
  },
  {
    path: "feed.document",
    about: "the feed of the document the confidential issue is linked to",
    input: () => ({ name: DOC.mudRats }),
    shows: NOBODY,
  },
  {
    path: "export.issues",
    about: "the issue list as CSV",
    input: () => ({ format: "csv", query: [] }),
    shows: ENTITLED,
  },
  {
    path: "export.issues",
    about: "the issue list as JSON, searched for the first secret word",
    input: () => ({ format: "json", query: [["q", SECRET_WORDS[0]]] }),
    shows: ENTITLED,
  },
  {
    path: "export.triage",
    about: "the triage queue as CSV, in discussion",
    input: () => ({ format: "csv", query: [["state", "in-discussion"]] }),
    shows: TRIAGERS,
  },
  {
    path: "export.triage",
    about: "the triage queue as JSON, dispatched ones, oldest first",
    input: () => ({
      format: "json",
      query: [
        ["state", "dispatched,in-discussion"],
        ["sort", "oldest"],
      ],
    }),
    shows: TRIAGERS,
  },
  {
    path: "export.groupDocuments",
    about: "IOTOPS documents as CSV",
    input: () => ({ format: "csv", acronym: "iotops" }),
    shows: NOBODY,
  },
  {
    path: "export.report",
    about: "the dispatch report as JSON over the dispatch dates",
    input: () => ({ format: "json", from: "2020-01-01", to: "2040-12-31" }),
    shows: NOBODY,
    reachesWhenPublic: true,
    reveals: exportedReportCountsMore,
  },
  {
    path: "export.meetingDates",
    about: "the important dates of the meeting with the agenda",
    input: () => ({ number: 131 }),
    shows: NOBODY,
  },
  {
    path: "export.session",
    about: "the IOTOPS session it is on the agenda of, as iCalendar",
    input: (s) => ({ id: s.w.sessionId }),
    shows: NOBODY,
    reachesWhenPublic: true,
  },
  {
    path: "export.mySessions",
    about: "the caller's sessions (everyone signed in watches IOTOPS; the submitter filed it)",
    input: () => undefined,
    shows: NOBODY,
  },
  { path: "group.list", about: "every group", input: () => undefined, shows: NOBODY },
  { path: "group.byArea", about: "groups by area", input: () => undefined, shows: NOBODY },
  { path: "group.get", about: "IOTOPS", input: () => ({ acronym: "iotops" }), shows: NOBODY },
  { path: "group.charterItems", about: "charter items", input: () => undefined, shows: NOBODY },
  {
    path: "group.work",
    about: "work dispatched to IOTOPS",
    input: () => ({ acronym: "iotops" }),
    shows: ENTITLED,
  },
  {
    path: "issue.get",
    about: "the confidential issue",
    input: (s) => ({ id: s.w.secret }),
    missing: () => ({ id: MISSING_NUMBER }),
    shows: ENTITLED,
  },
  {
    path: "issue.get",
    about: "the dispatched confidential issue",
    input: (s) => ({ id: s.dispatchedSecret }),
    missing: () => ({ id: MISSING_NUMBER }),
    shows: ENTITLED,
  },
  {
    path: "issue.get",
    about: "a public issue whose routing record names the dispatched one as similar",
    input: (s) => ({ id: s.echo }),
    shows: ENTITLED,
  },
  {
    path: "issue.get",
    about: "the public issue the now confidential one was merged into (its timeline)",
    input: (s) => ({ id: s.w.submitted }),
    shows: ENTITLED,
  },
  {
    path: "issue.get",
    about: "the once public issue merged as a duplicate, confidential now",
    input: (s) => ({ id: s.merged }),
    missing: () => ({ id: MISSING_NUMBER }),
    shows: ENTITLED,
  },
  { path: "issue.list", about: "the default list", input: () => ({}), shows: ENTITLED },
  {
    path: "issue.list",
    about: "a search for the first secret word",
    input: () => ({ q: SECRET_WORDS[0] }),
    shows: ENTITLED,
  },
  {
    path: "issue.list",
    about: "a search for the second secret word",
    input: () => ({ q: SECRET_WORDS[1] }),
    shows: ENTITLED,
  },
  {
    path: "issue.list",
    about: "a search that finds the public issue similar to the dispatched one",
    input: () => ({ q: "telemetry escrow" }),
    shows: ENTITLED,
  },
  {
    path: "issue.list",
    about: "a search for the number",
    input: () => ({ q: String(SECRET_NUMBER) }),
    shows: NOBODY,
  },
  {
    path: "issue.list",
    about: "the triage queue (in discussion, oldest first)",
    input: () => ({ states: ["in-discussion"], sort: "oldest" }),
    shows: ENTITLED,
  },
  {
    path: "issue.list",
    about: "the OPS AD's queue",
    input: () => ({ areas: ["ops"], states: ["in-discussion", "dispatched"] }),
    shows: ENTITLED,
  },
  {
    path: "issue.list",
    about: "by readiness, unassigned",
    input: () => ({ sort: "readiness", responsibleChair: "none", limit: 100 }),
    shows: ENTITLED,
  },
  {
    path: "search.everything",
    about: "the header search for the first secret word",
    input: () => ({ q: SECRET_WORDS[0] }),
    shows: ENTITLED,
    reveals: searchReveals,
  },
  {
    path: "search.everything",
    about: "the header search for the second secret word, misspelt",
    input: () => ({ q: SECRET_WORDS[1].replace("heliotrope", "heliotrop") }),
    shows: ENTITLED,
    reveals: searchReveals,
  },
  {
    path: "search.everything",
    about: "an exact jump to the confidential number",
    input: () => ({ q: `#${SECRET_NUMBER}` }),
    shows: ENTITLED,
    reveals: searchReveals,
  },
  {
    path: "view.list",
    about: "saved triage views, one filtered on a secret word and counted live",
    input: () => ({ page: "triage" }),
    // The world's view is the IOTOPS chair's own, not shared: only that chair gets it,
    // and its live count (1) is the chair's to see. Everyone else gets no view at all.
    shows: ["iotopsChair"],
    reveals: (s, text, a) => revealsByText(s, text) || viewCountsAnything(a),
  },
  {
    path: "issue.counts",
    about: "counts for the first secret word",
    input: () => ({ q: SECRET_WORDS[0] }),
    shows: ENTITLED,
    reveals: countsAnyIssue,
  },
  {
    path: "issue.counts",
    about: "counts for the second secret word",
    input: () => ({ q: SECRET_WORDS[1] }),
    shows: ENTITLED,
    reveals: countsAnyIssue,
  },
  {
    path: "issue.suggest",
    about: "routing for the secret text",
    input: () => ({ title: SECRET_TITLE, text: `${SECRET_WORDS[0]} debug port` }),
    // The answer ranks groups for the words the caller typed; it holds no issue.
    shows: NOBODY,
    reveals: (s, text) => s.hidden.some((n) => numberIn(text, n)),
  },
  {
    path: "issue.suggest",
    about: "routing for the dispatched one's text from when it was public (the engine as cached)",
    input: () => ({ title: "Telemetry escrow for fleet gateways", text: LONG_PROBLEM }),
    onHandle: true,
    shows: NOBODY,
  },
  {
    path: "issue.duplicates",
    about: "issues titled like the confidential one",
    input: () => ({ title: SECRET_TITLE }),
    shows: ENTITLED,
  },
  {
    path: "issue.duplicates",
    about: "excluding the confidential issue by number",
    input: (s) => ({ title: "Firmware rollback in the field", excludeId: s.w.secret }),
    missing: () => ({ title: "Firmware rollback in the field", excludeId: MISSING_NUMBER }),
    shows: NOBODY,
  },
  { path: "issue.draft", about: "the caller's draft", input: () => undefined, shows: NOBODY },
  { path: "issue.chairs", about: "the IOTOPS chairs", input: () => undefined, shows: NOBODY },
  {
    path: "issue.report",
    about: "the dispatch report over the dispatch dates",
    input: () => ({ from: "2020-01-01", to: "2040-12-31" }),
    shows: NOBODY,
    reachesWhenPublic: true,
    reveals: reportCountsMore,
  },
  { path: "meeting.list", about: "every meeting", input: () => undefined, shows: NOBODY },
  {
    path: "meeting.get",
    about: "the meeting whose IOTOPS session has it on the agenda (sessions, not items)",
    input: () => ({ number: 131 }),
    shows: NOBODY,
  },
  {
    path: "meeting.agenda",
    about: "the IOTOPS session it is on the agenda of",
    input: (s) => ({ sessionId: s.w.sessionId }),
    shows: NOBODY,
    reachesWhenPublic: true,
  },
  {
    path: "meeting.exportAgenda",
    about: "that agenda as Markdown",
    input: (s) => ({ sessionId: s.w.sessionId, format: "md" }),
    shows: NOBODY,
    reachesWhenPublic: true,
  },
  {
    path: "meeting.exportAgenda",
    about: "that agenda as text",
    input: (s) => ({ sessionId: s.w.sessionId, format: "txt" }),
    shows: NOBODY,
    reachesWhenPublic: true,
  },
  {
    path: "notification.list",
    about:
      "the caller's notifications (everyone signed in watches the issue and IOTOPS; the barred roles since before two were made confidential)",
    input: () => ({}),
    // A watcher who may see the issue hears of the comment on it; the others hear nothing.
    shows: ["submitter", "iotopsChair", "ad", "secretariat"],
  },
  {
    path: "notification.unreadCount",
    about: "the caller's unread count",
    input: () => undefined,
    shows: NOBODY,
    // Numbers only; `notification.list` answers with the same count as `unread`.
  },
  {
    path: "inbox.myWork",
    about: "what waits for the caller",
    input: () => undefined,
    // Only the IOTOPS chairs must act on one (it was dispatched to IOTOPS itself: their
    // hand-off); neither issue waits for its submitter or the AD, and nobody barred finds it.
    shows: ["iotopsChair"],
  },
  {
    path: "inbox.count",
    about: "how much waits for the caller",
    input: () => undefined,
    shows: NOBODY,
  },
  {
    path: "notification.deliveries",
    about: "the caller's e-mail choices",
    input: () => undefined,
    shows: NOBODY,
  },
  {
    path: "notification.settings",
    about: "the caller's watches",
    input: () => undefined,
    shows: NOBODY,
    reveals: wordsOnly,
  },
  {
    path: "notification.watching",
    about: "a watch on the confidential issue",
    input: (s) => ({ subjectType: "issue", subjectKey: String(s.w.secret) }),
    missing: () => ({ subjectType: "issue", subjectKey: String(MISSING_NUMBER) }),
    shows: NOBODY,
    reveals: wordsOnly,
  },
  {
    path: "notification.outbox",
    about: "the mail outbox",
    input: () => undefined,
    shows: ["secretariat"],
  },
  {
    path: "notification.unsubscribeInfo",
    about: "the submitter's unsubscribe link",
    input: (s) => ({ token: s.w.unsubscribeToken }),
    shows: NOBODY,
  },
  { path: "role.list", about: "role grants", input: () => undefined, shows: NOBODY },
  { path: "sync.status", about: "the sync", input: () => undefined, shows: NOBODY },
  {
    path: "sync.run",
    about: "the sync run",
    input: (s) => ({ id: s.w.syncRunId }),
    shows: NOBODY,
  },
];

/** A route handler's answer: its status and body. */
interface RouteCase {
  route: string;
  about: string;
  get: (s: Sweep) => Promise<Response>;
  missing?: (s: Sweep) => Promise<Response>;
  /** Made public, the confidential issues show here (see `Case`). */
  reachesWhenPublic: boolean;
  /** The roles that must find the confidential issues here (feeds and agendas: nobody). */
  shows?: readonly SweepRole[];
}

const params = <T>(p: T) => ({ params: Promise.resolve(p) });
const request = (path: string) => new Request(`http://localhost${path}`);

const ROUTES: RouteCase[] = [
  {
    route: "/exports/issues",
    about: "the issue list as CSV",
    get: () => issuesExportRoute(request("/exports/issues?format=csv")),
    reachesWhenPublic: true,
    shows: ENTITLED,
  },
  {
    route: "/exports/issues",
    about: "the issue list as JSON, searched for the second secret word",
    get: () => issuesExportRoute(request(`/exports/issues?format=json&q=${SECRET_WORDS[1]}`)),
    reachesWhenPublic: true,
    shows: ENTITLED,
  },
  {
    route: "/exports/triage",
    about: "the triage queue as CSV (open states)",
    get: () => triageExportRoute(request("/exports/triage?format=csv")),
    reachesWhenPublic: false,
    shows: TRIAGERS,
  },
  {
    route: "/exports/report",
    about: "the dispatch report as CSV",
    get: () =>
      reportExportRoute(request("/exports/report?format=csv&from=2020-01-01&to=2040-12-31")),
    reachesWhenPublic: false,
  },
  {
    route: "/exports/groups/[acronym]/documents",
    about: "IOTOPS documents as JSON",
    get: () =>
      groupDocumentsExportRoute(
        request("/exports/groups/iotops/documents?format=json"),
        params({ acronym: "iotops" }),
      ),
    reachesWhenPublic: false,
  },
  {
    route: "/exports/meetings/[number]/dates.ics",
    about: "the meeting's important dates",
    get: () =>
      meetingDatesRoute(request("/exports/meetings/131/dates.ics"), params({ number: "131" })),
    reachesWhenPublic: false,
  },
  {
    route: "/exports/sessions/[id].ics",
    about: "the IOTOPS session it is on the agenda of",
    get: (s) =>
      sessionIcsRoute(request("/exports/sessions/x.ics"), params({ file: `${s.w.sessionId}.ics` })),
    reachesWhenPublic: true,
  },
  {
    route: "/exports/my-sessions.ics",
    about: "the caller's sessions",
    get: () => mySessionsRoute(),
    reachesWhenPublic: false,
  },
  {
    route: "/feeds/documents/[name]",
    about: "the feed of the document it is linked to",
    get: () => documentFeedRoute(request("/feeds/documents/x"), params({ name: DOC.mudRats })),
    reachesWhenPublic: false,
  },
  {
    route: "/feeds/issues/[id]",
    about: "the confidential issue's feed",
    get: (s) => issueFeedRoute(request("/feeds/issues/x"), params({ id: String(s.w.secret) })),
    missing: () =>
      issueFeedRoute(request("/feeds/issues/x"), params({ id: String(MISSING_NUMBER) })),
    reachesWhenPublic: true,
  },
  {
    route: "/feeds/issues/[id]",
    about: "the dispatched confidential issue's feed",
    get: (s) =>
      issueFeedRoute(request("/feeds/issues/x"), params({ id: String(s.dispatchedSecret) })),
    missing: () =>
      issueFeedRoute(request("/feeds/issues/x"), params({ id: String(MISSING_NUMBER) })),
    reachesWhenPublic: true,
  },
  {
    route: "/feeds/issues/[id]",
    about: "the feed of the public issue similar to the dispatched one",
    get: (s) => issueFeedRoute(request("/feeds/issues/x"), params({ id: String(s.echo) })),
    reachesWhenPublic: false,
  },
  {
    route: "/feeds/issues/[id]",
    about: "the feed of the public issue the now confidential one was merged into",
    get: (s) => issueFeedRoute(request("/feeds/issues/x"), params({ id: String(s.w.submitted) })),
    reachesWhenPublic: false,
  },
  {
    route: "/feeds/groups/[acronym]",
    about: "the IOTOPS feed",
    get: () => groupFeedRoute(request("/feeds/groups/iotops"), params({ acronym: "iotops" })),
    reachesWhenPublic: true,
  },
  {
    route: "/meetings/[number]/sessions/[id]/agenda.md",
    about: "the IOTOPS agenda it is on",
    get: (s) =>
      agendaMdRoute(request("/x/agenda.md"), params({ number: "131", id: String(s.w.sessionId) })),
    reachesWhenPublic: true,
  },
  {
    route: "/meetings/[number]/sessions/[id]/agenda.txt",
    about: "the IOTOPS agenda it is on",
    get: (s) =>
      agendaTxtRoute(
        request("/x/agenda.txt"),
        params({ number: "131", id: String(s.w.sessionId) }),
      ),
    reachesWhenPublic: true,
  },
];

let t: TestDatabase;
let s: Sweep;

/** Make both confidential issues public (inside a transaction that is rolled back). */
async function makePublic(tx: Db): Promise<void> {
  await tx.update(issues).set({ confidential: false }).where(inArray(issues.id, s.hidden));
}

class Rollback extends Error {}

/** A route handler's status and body as `role`; `prepare` changes the world first, and is undone. */
async function viaRoute(
  role: SweepRole,
  get: (s: Sweep) => Promise<Response>,
  prepare?: (tx: Db) => Promise<void>,
): Promise<string> {
  let got = "";
  try {
    await t.db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      await prepare?.(tx);
      context.current = { db: tx, dbMode: t.mode, actor: sweepActor(s, role), requestId: "t" };
      const res = await get(s);
      got = `${res.status} ${await res.text()}`;
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  } finally {
    context.current = null;
  }
  return got;
}

/** Up to the number asked for: the confidential one and the missing one read the same. */
function withoutNumbers(text: string): string {
  return [...s.hidden, MISSING_NUMBER].reduce(
    (out, n) => out.replace(new RegExp(`(?<![0-9])${n}(?![0-9])`, "g"), "N"),
    text,
  );
}

const IOTOPS_BCP = {
  outcome: { kind: "iotops", documentType: "bcp" },
  rationale: "An operational practice for IOTOPS to write.",
} as const;

async function setUp(db: Db, w: World): Promise<Sweep> {
  const c = w.cast;
  // The barred roles watch IOTOPS from the start, so they were notified about the issues
  // below while those were public.
  for (const a of [c.bob, c.unverified, c.suitChair, c.intAd]) {
    await setWatch(db, a, { subjectType: "group", subjectKey: "iotops", active: true });
  }
  // Public at first, and dispatched: the routing engine learns from it, so an issue filed
  // meanwhile records it among its similar documents ("similar to issue-N").
  const dispatchedSecret = await file(db, c.alice, {
    title: "Telemetry escrow for fleet gateways",
    problemStatement: LONG_PROBLEM,
  });
  await driveTo(db, c, dispatchedSecret, "dispatched", IOTOPS_BCP);
  const echo = await file(db, c.bob, {
    title: "Telemetry escrow for fleet gateways at scale",
    problemStatement: LONG_PROBLEM,
  });
  // Then declined, sent back to its submitter, made confidential (with the secret words) by
  // her edit, and dispatched again: every step as the app allows it.
  await act(db, c.iotopsChair, dispatchedSecret, { type: "decline", reason: "Not ours yet." });
  await act(db, c.iotopsChair, dispatchedSecret, {
    type: "request-info",
    message: "Please say more.",
  });
  await editIssue(db, c.alice, {
    issueId: dispatchedSecret,
    expectedVersion: (await issueRow(db, dispatchedSecret)).version,
    fields: intake({
      title: `Telemetry escrow for ${SECRET_WORDS[1]} gateways`,
      problemStatement: `${LONG_PROBLEM} The ${SECRET_WORDS[0]} keys are escrowed in the clear.`,
      confidential: true,
    }),
  });
  await driveTo(db, c, dispatchedSecret, "dispatched", IOTOPS_BCP);
  // Linked to a tracked document: its page lists linked issues and its history records the link.
  const [row] = await db.select().from(issues).where(eq(issues.id, w.secret));
  await linkDocument(db, c.iotopsChair, {
    issueId: w.secret,
    expectedVersion: row!.version,
    document: DOC.mudRats,
    unlink: false,
  });
  // On the IOTOPS agenda, as if it had been taken there while public and made confidential since
  // (the service no longer lets a confidential issue onto an agenda).
  await db.insert(agendaItems).values({
    sessionId: w.sessionId,
    issueId: w.secret,
    position: 1,
    presenter: "Alice Contributor",
  });
  const [item] = await db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.sessionId, w.sessionId), eq(agendaItems.issueId, w.secret)));
  if (!item) throw new Error("the confidential issue is not on the agenda");
  // Public at first and closed as a duplicate of another issue, whose timeline records the
  // merge with its title; then reopened and made confidential by its submitter.
  const merged = await file(db, c.alice, {
    title: `Gateway ${FORMER_WORD} port left open`,
    problemStatement: LONG_PROBLEM,
  });
  await act(db, c.iotopsChair, merged, {
    type: "close",
    reason: "duplicate",
    duplicateOf: w.submitted,
  });
  await act(db, c.iotopsChair, merged, { type: "reopen" });
  await editIssue(db, c.alice, {
    issueId: merged,
    expectedVersion: (await issueRow(db, merged)).version,
    fields: intake({
      title: `Gateway ${SECRET_WORDS[0]} port left open`,
      problemStatement: LONG_PROBLEM,
      confidential: true,
    }),
  });
  const sweep: Sweep = {
    w,
    dispatchedSecret,
    echo,
    merged,
    hidden: [w.secret, dispatchedSecret, merged],
  };
  // Everyone signed in watches the confidential issue by its number (and the missing one, so
  // the two look alike to them), and IOTOPS; a comment on the issue then notifies the watchers.
  for (const role of SWEEP_ROLES) {
    const actor = sweepActor(sweep, role);
    if (!actor) continue;
    for (const key of [String(w.secret), String(MISSING_NUMBER)]) {
      await setWatch(db, actor, { subjectType: "issue", subjectKey: key, active: true });
    }
    await setWatch(db, actor, { subjectType: "group", subjectKey: "iotops", active: true });
  }
  await commentOnIssue(db, c.iotopsChair2, {
    issueId: w.secret,
    body: `Reproduced the ${SECRET_WORDS[0]} port on a second unit.`,
  });
  return sweep;
}

const label = (c: { path?: string; route?: string; about: string }) =>
  `${c.path ?? c.route}: ${c.about}`;

describe(`confidentiality sweep on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    const w = await buildWorld(t.db);
    s = await setUp(t.db, w);
  }, 300_000);
  afterAll(async () => t?.destroy());

  it("has a case for every query procedure of the router, and none for anything else", () => {
    const queries = procedures()
      .filter((p) => p.type === "query")
      .map((p) => p.path);
    expect(queries.length).toBeGreaterThan(25);
    const swept = new Set(CASES.map((c) => c.path));
    expect(
      queries.filter((p) => !swept.has(p)),
      "queries the sweep does not call",
    ).toEqual([]);
    expect(
      [...swept].filter((p) => !queries.includes(p)),
      "cases for procedures that are not queries",
    ).toEqual([]);
  });

  it("gave the confidential issues numbers no other row has", () => {
    expect(s.hidden).toEqual([SECRET_NUMBER, SECRET_NUMBER + 1, SECRET_NUMBER + 3]);
  });

  for (const c of CASES) {
    it(label(c), async () => {
      const reveals = c.reveals ?? ((sw: Sweep, text: string) => revealsByText(sw, text));
      const seen: Partial<Record<SweepRole, boolean>> = {};
      const answers: Partial<Record<SweepRole, string>> = {};
      for (const role of SWEEP_ROLES) {
        const actor = sweepActor(s, role);
        const a = c.onHandle
          ? await answerOnHandle(t.db, t.mode, actor, c.path, c.input(s))
          : await answer(t.db, t.mode, actor, c.path, c.input(s));
        const text = serialize(a);
        answers[role] = evidence(s, text);
        if (c.missing && !c.shows.includes(role)) {
          // A lookup by number may say the number it was asked for, as it does for a
          // missing issue: the answer must be the missing issue's, up to that number.
          // (Feeds are anonymous by design: not even the entitled roles find the issue there.)
          const none = serialize(await answer(t.db, t.mode, actor, c.path, c.missing(s)));
          expect(revealsByText(s, none), `${role}: the missing issue's answer`).toBe(false);
          expect(withoutNumbers(text), `${role}: like a missing issue`).toBe(withoutNumbers(none));
          seen[role] = reveals(s, withoutNumbers(text), a);
        } else {
          seen[role] = reveals(s, text, a);
        }
      }
      const expected = Object.fromEntries(SWEEP_ROLES.map((r) => [r, c.shows.includes(r)]));
      expect(seen, JSON.stringify(answers, null, 1)).toEqual(expected);

      if (c.reachesWhenPublic) {
        const a = await answer(t.db, t.mode, null, c.path, c.input(s), makePublic);
        expect(reveals(s, serialize(a), a), "made public, the issue shows here").toBe(true);
      }
    });
  }

  for (const r of ROUTES) {
    it(`route ${label(r)}`, async () => {
      const seen: Partial<Record<SweepRole, boolean>> = {};
      const bodies: Partial<Record<SweepRole, string>> = {};
      for (const role of SWEEP_ROLES) {
        const body = await viaRoute(role, r.get);
        bodies[role] = evidence(s, body);
        seen[role] = revealsByText(s, body);
      }
      // Feeds, agendas and calendars are what anyone may read: confidential issues are in
      // none. Issue lists and queues show them to the roles entitled to them.
      const shows = r.shows ?? NOBODY;
      const expected = Object.fromEntries(SWEEP_ROLES.map((role) => [role, shows.includes(role)]));
      expect(seen, JSON.stringify(bodies, null, 1)).toEqual(expected);
      if (r.missing) {
        for (const role of BARRED) {
          expect(withoutNumbers(await viaRoute(role, r.get)), `${role}: like a missing issue`).toBe(
            withoutNumbers(await viaRoute(role, r.missing)),
          );
        }
      }
      if (r.reachesWhenPublic) {
        const exposed = await viaRoute("anonymous", r.get, makePublic);
        expect(revealsByText(s, exposed), "made public, the issue shows here").toBe(true);
      }
    });
  }
});
