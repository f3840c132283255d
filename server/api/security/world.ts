/**
 * The data the security tests run against (test-only): one person per role,
 * issues in the states the procedures need, a confidential issue with unique
 * words, tracked documents, a meeting with an agenda item, a second account to
 * merge, a Datatracker sync in progress, and a valid input for every tRPC
 * procedure.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { agendaItems, issues, outbox, roleGrants } from "~/db/schema";
import { loadActor } from "~/server/auth/load-actor";
import type { Actor, MaybeActor } from "~/server/domain/permissions/actor";
import { beginSync } from "../../services/datatracker/run-sync";
import {
  API_FIXTURE,
  DOC,
  importFixture,
  makeDocumentCast,
  type DocumentCast,
} from "../../services/documents/test-fixtures";
import { driveTo, file, SUIT_RECOMMENDATION } from "../../services/issues/test-fixtures";
import { changeAgenda } from "../../services/meetings/agenda";
import { createMeeting, createSession } from "../../services/meetings/meetings";
import { unsubscribeToken } from "../../services/notifications/unsubscribe";
import { signUp } from "../../services/people/sign-up";
import { saveView } from "../../services/views/save-view";
import { appRouter } from "../root";

/** Every role the authorization matrix tries. */
export const ROLES = [
  "anonymous",
  "contributor",
  "unverified",
  "iotopsChair",
  "otherChair",
  "ad",
  "secretariat",
] as const;
export type Role = (typeof ROLES)[number];

/** Words that appear only in the confidential issue, for the confidentiality sweep. */
export const SECRET_WORDS = ["zanzibarquokka", "marmalade-heliotrope"] as const;
export const SECRET_TITLE = `Zanzibarquokka gateway backdoor (${SECRET_WORDS[1]})`;
/**
 * The confidential issue's number: one no other row of the world has as an id,
 * so finding it anywhere in an answer is a leak, not a coincidence.
 */
export const SECRET_NUMBER = 4_613_207;

export interface World {
  cast: DocumentCast & { unverified: Actor };
  /** Filed by Alice (not one of the roles), in these states. */
  submitted: number;
  inDiscussion: number;
  adReview: number;
  dispatched: number;
  /** Confidential, filed by Alice, in discussion; on no agenda. Numbered SECRET_NUMBER. */
  secret: number;
  sessionId: number;
  itemId: number;
  grantId: number;
  /** The version of `inDiscussion` (after its agenda item was added). */
  inDiscussionVersion: number;
  /** The token of the verification link e-mailed to the unverified sign-up. */
  verificationToken: string;
  /** The address of an account with no role, proven by this password, that anyone may merge. */
  other: { email: string; password: string };
  /** A sync run in progress: its lease is held (by "another server"), so a new run must wait. */
  syncRunId: number;
  /** Alice's one-click unsubscribe token, as her notification e-mails carry it. */
  unsubscribeToken: string;
  /** The IOTOPS chair's private triage view, filtered on the first secret word. */
  viewId: number;
}

/** A person who signed up and has not followed the e-mailed link, with that link's token. */
async function unverifiedSignUp(db: Db): Promise<{ actor: Actor; token: string }> {
  const { personId } = await signUp(db, {
    name: "Uma Unverified",
    email: "uma.unverified@example.org",
    password: "a passphrase never verified",
  });
  const actor = await loadActor(db, personId);
  const [mail] = await db.select().from(outbox).where(eq(outbox.personId, personId));
  const token = /token=([A-Za-z0-9_-]+)/.exec(mail?.body ?? "")?.[1];
  if (!actor || actor.emailVerified || !token) throw new Error("no unverified sign-up");
  return { actor, token };
}

export async function buildWorld(db: Db): Promise<World> {
  const base = await makeDocumentCast(db);
  // A sign-up with no verified address and no role: it must get no more than a contributor.
  const uma = await unverifiedSignUp(db);
  const cast = { ...base, unverified: uma.actor };
  const other = { email: "olive.other@example.org", password: "olive's second passphrase" };
  await signUp(db, { name: "Olive Other", ...other });
  await importFixture(db);
  const submitted = await file(db, cast.alice, { title: "Sleepy sensor rekeying" });
  const inDiscussion = await file(db, cast.alice, { title: "Onboarding at fleet scale" });
  await driveTo(db, cast, inDiscussion, "in-discussion");
  const adReview = await file(db, cast.alice, { title: "Firmware rollback in the field" });
  await driveTo(db, cast, adReview, "ad-review");
  const dispatched = await file(db, cast.alice, { title: "Manifest signing keys rotation" });
  await driveTo(db, cast, dispatched, "dispatched");
  await db.execute(
    sql`select setval(pg_get_serial_sequence('issues', 'id'), ${SECRET_NUMBER - 1})`,
  );
  const secret = await file(db, cast.alice, {
    title: SECRET_TITLE,
    problemStatement: `The ${SECRET_WORDS[0]} debug port stays open after provisioning; ${SECRET_WORDS[1]} firmware ships it enabled.`,
    confidential: true,
  });
  if (secret !== SECRET_NUMBER) throw new Error(`the confidential issue is #${secret}`);
  await driveTo(db, cast, secret, "in-discussion");
  await createMeeting(db, cast.secretariat, {
    number: 131,
    venue: "Vienna",
    timeZone: "Europe/Vienna",
    startDate: "2031-03-15",
    endDate: "2031-03-21",
  });
  const { id: sessionId } = await createSession(db, cast.secretariat, {
    meetingNumber: 131,
    group: "iotops",
    startsAt: "2031-03-17 09:00",
    durationMinutes: 120,
    room: "",
  });
  await changeAgenda(db, cast.iotopsChair, {
    op: "add",
    sessionId,
    expectedVersion: 1,
    issueId: inDiscussion,
    presenter: "",
    minutesRequested: 15,
  });
  const [item] = await db.select().from(agendaItems).where(eq(agendaItems.sessionId, sessionId));
  const [grant] = await db
    .select()
    .from(roleGrants)
    .where(eq(roleGrants.personId, cast.suitChair.personId));
  const [discussed] = await db.select().from(issues).where(eq(issues.id, inDiscussion));
  // Begun and never continued: nothing is fetched, and the lease outlasts the tests.
  const { runId: syncRunId } = await beginSync(db, {
    base: "http://127.0.0.1:9",
    trigger: "schedule",
    leaseMs: 24 * 3600_000,
  });
  const { id: viewId } = await saveView(db, cast.iotopsChair, {
    page: "triage",
    name: "Secret word",
    filters: { q: SECRET_WORDS[0], states: ["in-discussion"] },
  });
  return {
    cast,
    submitted,
    inDiscussion,
    adReview,
    dispatched,
    secret,
    sessionId,
    itemId: item!.id,
    grantId: grant!.id,
    inDiscussionVersion: discussed!.version,
    verificationToken: uma.token,
    other,
    syncRunId,
    unsubscribeToken: await unsubscribeToken(db, cast.alice.personId),
    viewId,
  };
}

export function actorFor(w: World, role: Role): MaybeActor {
  const c = w.cast;
  const byRole: Record<Role, MaybeActor> = {
    anonymous: null,
    contributor: c.bob,
    unverified: c.unverified,
    iotopsChair: c.iotopsChair,
    otherChair: c.suitChair,
    ad: c.opsAd,
    secretariat: c.secretariat,
  };
  return byRole[role];
}

/** Every procedure of the app router, by dotted path, with its kind (walked, not listed). */
export function procedures(): { path: string; type: string }[] {
  const out: { path: string; type: string }[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (!node || (typeof node !== "object" && typeof node !== "function")) return;
    const def = (node as { _def?: { type?: unknown; procedure?: unknown } })._def;
    if (def?.procedure === true && typeof def.type === "string") {
      out.push({ path: prefix, type: def.type });
      return;
    }
    for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
  };
  walk(appRouter._def.record, "");
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

const FIELDS = {
  title: "A fresh issue about constrained device telemetry",
  problemStatement: "Operators cannot collect telemetry from sleepy devices without draining them.",
};

/**
 * A well-formed input for every procedure, valid for the data of `buildWorld`:
 * what the role may do should succeed with it. `undefined` for procedures
 * without input.
 */
export function validInputs(w: World): Record<string, unknown> {
  return {
    "account.signUp": {
      name: "Nia New",
      email: "nia.new@example.org",
      password: "a long passphrase 42",
    },
    "account.me": undefined,
    "account.ping": undefined,
    "account.verifyEmail": { token: w.verificationToken },
    "account.status": undefined,
    "account.resendVerification": {},
    "account.signOutEverywhere": {},
    "account.merge": w.other,
    "apiToken.create": { name: "A script" },
    "apiToken.list": undefined,
    "apiToken.revoke": { id: 1 },
    "document.list": { q: "manifest" },
    "document.get": { name: DOC.mudRats },
    "document.byGroup": { acronym: "iotops" },
    "document.pipeline": undefined,
    "document.transition": {
      name: DOC.mudRats,
      expectedVersion: 1,
      stateType: "draft-stream-ietf",
      to: "wg-lc",
      comment: "Ready for last call.",
    },
    "document.setTags": { name: DOC.mudRats, expectedVersion: 1, tags: ["need-aut"] },
    "document.newRevision": { name: DOC.mudRats, expectedVersion: 1 },
    "document.recordReplacement": { name: DOC.mudRats, expectedVersion: 1, replaces: DOC.sbom },
    "document.import": { text: API_FIXTURE },
    "feed.issue": { id: w.submitted },
    "feed.group": { acronym: "iotops" },
    "feed.document": { name: DOC.mudRats },
    "export.issues": { format: "csv", query: [["state", "in-discussion"]] },
    "export.triage": { format: "json", query: [["sort", "oldest"]] },
    "export.groupDocuments": { format: "csv", acronym: "iotops" },
    "export.report": { format: "csv", from: "2020-01-01", to: "2040-12-31" },
    "export.meetingDates": { number: 131 },
    "export.session": { id: w.sessionId },
    "export.mySessions": undefined,
    "group.list": undefined,
    "group.byArea": undefined,
    "group.get": { acronym: "suit" },
    "group.charterItems": undefined,
    "group.work": { acronym: "suit" },
    "issue.file": FIELDS,
    "issue.edit": { issueId: w.submitted, expectedVersion: 1, fields: FIELDS },
    "issue.get": { id: w.submitted },
    "issue.events": { id: w.submitted },
    "issue.list": { q: "firmware" },
    "issue.counts": {},
    "issue.suggest": { title: "Firmware update", text: "Manifest rollback" },
    "issue.duplicates": { title: "Firmware rollback in the field" },
    "issue.draft": undefined,
    "issue.saveDraft": { title: "Half-written" },
    "issue.discardDraft": undefined,
    "issue.comment": { issueId: w.submitted, body: "A comment." },
    "issue.linkDocument": { issueId: w.submitted, expectedVersion: 1, document: DOC.sbom },
    "issue.transition": {
      issueId: w.submitted,
      expectedVersion: 1,
      command: { type: "start-discussion" },
    },
    "issue.recommendForReview": {
      issueId: w.inDiscussion,
      expectedVersion: w.inDiscussionVersion,
      recommendation: SUIT_RECOMMENDATION,
      note: "Please review.",
    },
    "issue.triage": { issueId: w.submitted, expectedVersion: 1, charterItem: "remediation" },
    "issue.bulkTriage": { issues: [{ id: w.submitted, version: 1 }], startDiscussion: true },
    "issue.chairs": undefined,
    "issue.report": { from: "2020-01-01", to: "2040-12-31" },
    "meeting.list": undefined,
    "meeting.get": { number: 131 },
    "meeting.create": {
      number: 132,
      venue: "Madrid",
      timeZone: "Europe/Madrid",
      startDate: "2031-07-19",
      endDate: "2031-07-25",
    },
    "meeting.createSession": {
      meetingNumber: 131,
      group: "suit",
      startsAt: "2031-03-17 13:00",
      durationMinutes: 90,
      room: "",
    },
    "meeting.scheduleSession": {
      sessionId: w.sessionId,
      expectedVersion: 2,
      startsAt: "2031-03-17 10:00",
      durationMinutes: 90,
      room: "Room 3",
    },
    "meeting.agenda": { sessionId: w.sessionId },
    "meeting.exportAgenda": { sessionId: w.sessionId, format: "md" },
    "meeting.changeAgenda": {
      op: "update",
      sessionId: w.sessionId,
      expectedVersion: 2,
      itemId: w.itemId,
      presenter: "Pat Presenter",
      minutesRequested: 10,
    },
    "meeting.recordMinutes": {
      sessionId: w.sessionId,
      itemId: w.itemId,
      minutes: "Discussed.",
      sendToReview: false,
    },
    "notification.list": {},
    "notification.unreadCount": undefined,
    "notification.markRead": { ids: "all" },
    "notification.settings": undefined,
    "notification.setEmail": { email: false },
    "notification.deliveries": undefined,
    "notification.setDelivery": { kind: "activity", delivery: "digest" },
    "inbox.myWork": undefined,
    "inbox.count": undefined,
    "notification.watching": { subjectType: "group", subjectKey: "suit" },
    "notification.setWatch": { subjectType: "group", subjectKey: "suit", active: true },
    "notification.outbox": undefined,
    "notification.unsubscribeInfo": { token: w.unsubscribeToken },
    "notification.unsubscribe": { token: w.unsubscribeToken },
    "role.list": undefined,
    "role.grant": { email: "bob.contributor@example.org", role: "chair", group: "anima" },
    "role.revoke": { grantId: w.grantId },
    "sync.status": undefined,
    "sync.run": { id: w.syncRunId },
    "sync.start": undefined,
    "search.everything": { q: "rekeying" },
    "view.list": { page: "triage" },
    "view.save": { page: "issues", name: "Mine", filters: { states: ["submitted"] } },
    "view.rename": { id: w.viewId, name: "Renamed" },
    "view.share": { id: w.viewId, group: "iotops" },
    "view.delete": { id: w.viewId },
  };
}
