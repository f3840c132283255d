/**
 * The authorization matrix: every procedure of the app router (walked, so a new
 * procedure cannot be forgotten) against every role, with a well-formed input.
 * The expected answer of each cell is written here by hand from the permission
 * rules in docs/domain.md, not derived from the code under test. Every call is
 * rolled back, so each cell starts from the same data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { attempt } from "./call";
import {
  actorFor,
  buildWorld,
  procedures,
  ROLES,
  validInputs,
  type Role,
  type World,
} from "./world";

const OK = "ok";
const UNAUTH = "UNAUTHORIZED";
const FORBID = "FORBIDDEN";
const CONFLICT = "CONFLICT";
const NOT_FOUND = "NOT_FOUND";

type Row = Record<Role, string>;
/** Anyone, signed in or not. */
const PUBLIC: Row = row(OK, OK, OK, OK, OK, OK, OK);
/** Anyone signed in, whatever their roles (an unverified sign-up too). */
const SIGNED_IN: Row = row(UNAUTH, OK, OK, OK, OK, OK, OK);
/** The IOTOPS chairs and the secretariat. */
const DISPATCH_CHAIRS: Row = row(UNAUTH, FORBID, FORBID, OK, FORBID, FORBID, OK);
/** The secretariat alone. */
const SECRETARIAT: Row = row(UNAUTH, FORBID, FORBID, FORBID, FORBID, FORBID, OK);

function row(...cells: string[]): Row {
  return Object.fromEntries(ROLES.map((r, i) => [r, cells[i]!])) as Row;
}

/**
 * Columns: anonymous, contributor, unverified sign-up, IOTOPS chair, another
 * group's (SUIT) chair, OPS AD, secretariat. The issues are Alice's, and Alice
 * holds none of these roles; the document is an IOTOPS working-group draft.
 * Everyone but the unverified sign-up has a verified address.
 */
const EXPECTED: Record<string, Row> = {
  "account.me": PUBLIC,
  // Anyone signed in may merge an account they prove by its password (Olive's, who has no role).
  "account.merge": SIGNED_IN,
  // Only an unverified address has anything to confirm; a verified one is told it is done.
  "account.ping": SIGNED_IN,
  "account.resendVerification": row(UNAUTH, CONFLICT, OK, CONFLICT, CONFLICT, CONFLICT, CONFLICT),
  "account.signOutEverywhere": SIGNED_IN,
  "account.signUp": PUBLIC,
  "account.status": SIGNED_IN,
  // Whoever holds the e-mailed link may use it, signed in or not.
  "account.verifyEmail": PUBLIC,
  // Personal API tokens: one's own only. Token 1 is nobody's here, so revoking it is NOT_FOUND.
  "apiToken.create": SIGNED_IN,
  "apiToken.list": SIGNED_IN,
  "apiToken.revoke": row(UNAUTH, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
  "document.byGroup": PUBLIC,
  "document.get": PUBLIC,
  "document.import": SECRETARIAT,
  "document.list": PUBLIC,
  // Only the draft's authors (none of these roles) or the secretariat.
  "document.newRevision": SECRETARIAT,
  "document.pipeline": PUBLIC,
  // The document's working-group chairs (IOTOPS) or the secretariat.
  "document.recordReplacement": DISPATCH_CHAIRS,
  "document.setTags": DISPATCH_CHAIRS,
  "document.transition": DISPATCH_CHAIRS,
  // Feeds of public activity, read by feed readers without a session.
  "export.groupDocuments": PUBLIC,
  "export.issues": PUBLIC,
  "export.meetingDates": PUBLIC,
  "export.mySessions": SIGNED_IN,
  "export.report": PUBLIC,
  "export.session": PUBLIC,
  "export.triage": DISPATCH_CHAIRS,
  "feed.document": PUBLIC,
  "feed.group": PUBLIC,
  "feed.issue": PUBLIC,
  "group.byArea": PUBLIC,
  "group.charterItems": PUBLIC,
  "group.get": PUBLIC,
  "group.list": PUBLIC,
  "group.work": PUBLIC,
  // Anonymous callers have no work waiting: a count of 0.
  "inbox.count": PUBLIC,
  "inbox.myWork": SIGNED_IN,
  "issue.bulkTriage": DISPATCH_CHAIRS,
  "issue.chairs": PUBLIC,
  // An unverified sign-up may file and comment.
  "issue.comment": SIGNED_IN,
  "issue.counts": PUBLIC,
  "issue.discardDraft": SIGNED_IN,
  "issue.draft": SIGNED_IN,
  "issue.duplicates": PUBLIC,
  // Only the submitter (Alice) or the secretariat; not even the chairs.
  "issue.edit": SECRETARIAT,
  "issue.events": PUBLIC,
  "issue.file": SIGNED_IN,
  "issue.get": PUBLIC,
  "issue.linkDocument": DISPATCH_CHAIRS,
  "issue.list": PUBLIC,
  "issue.report": PUBLIC,
  // Recording a recommendation and sending it to the AD: the IOTOPS chairs (or the secretariat).
  "issue.recommendForReview": DISPATCH_CHAIRS,
  "issue.saveDraft": SIGNED_IN,
  "issue.suggest": PUBLIC,
  // Starting the discussion is the IOTOPS chairs' (or the secretariat's).
  "issue.transition": DISPATCH_CHAIRS,
  "issue.triage": DISPATCH_CHAIRS,
  "meeting.agenda": PUBLIC,
  // The IOTOPS session's agenda: its chairs or the secretariat.
  "meeting.changeAgenda": DISPATCH_CHAIRS,
  "meeting.create": SECRETARIAT,
  // A SUIT session: the SUIT chairs or the secretariat.
  "meeting.createSession": row(UNAUTH, FORBID, FORBID, FORBID, OK, FORBID, OK),
  // Agendas are public, and so are their exports.
  "meeting.exportAgenda": PUBLIC,
  "meeting.get": PUBLIC,
  "meeting.list": PUBLIC,
  "meeting.recordMinutes": DISPATCH_CHAIRS,
  // The session is IOTOPS's: its chairs or the secretariat set its time.
  "meeting.scheduleSession": DISPATCH_CHAIRS,
  "notification.deliveries": SIGNED_IN,
  "notification.list": SIGNED_IN,
  "notification.markRead": SIGNED_IN,
  "notification.outbox": SECRETARIAT,
  "notification.setDelivery": SIGNED_IN,
  // Whoever holds the link from an e-mail, signed in or not (RFC 8058 one-click).
  "notification.unsubscribe": PUBLIC,
  "notification.unsubscribeInfo": PUBLIC,
  "notification.setEmail": SIGNED_IN,
  "notification.settings": SIGNED_IN,
  "notification.setWatch": SIGNED_IN,
  // Anonymous callers get a count of 0 and "not watching".
  "notification.unreadCount": PUBLIC,
  "notification.watching": PUBLIC,
  "role.grant": SECRETARIAT,
  "role.list": SECRETARIAT,
  "search.everything": PUBLIC,
  // Anyone signed in has views (an anonymous visitor an empty list).
  "view.list": PUBLIC,
  "view.save": SIGNED_IN,
  // The view is the IOTOPS chair's own: others do not learn it exists.
  "view.rename": row(UNAUTH, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND),
  "view.delete": row(UNAUTH, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND),
  "view.share": row(UNAUTH, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND),
  "role.revoke": SECRETARIAT,
  "sync.run": SECRETARIAT,
  // A run is in progress, so the secretariat, who may start one, is told to wait for it.
  "sync.start": row(UNAUTH, FORBID, FORBID, FORBID, FORBID, FORBID, CONFLICT),
  "sync.status": SECRETARIAT,
};

let t: TestDatabase;
let w: World;

describe(`authorization matrix on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    w = await buildWorld(t.db);
  }, 300_000);
  afterAll(async () => t?.destroy());

  it("has an expected row for every procedure of the router, and none for procedures that do not exist", () => {
    const paths = procedures().map((p) => p.path);
    expect(paths.length).toBeGreaterThan(40);
    expect(
      paths.filter((p) => !(p in EXPECTED)),
      "procedures missing from the table",
    ).toEqual([]);
    expect(
      Object.keys(EXPECTED).filter((p) => !paths.includes(p)),
      "stale rows",
    ).toEqual([]);
  });

  it("has a valid input for every procedure", () => {
    const inputs = validInputs(w);
    expect(procedures().filter((p) => !(p.path in inputs))).toEqual([]);
  });

  for (const { path } of procedures()) {
    it(`${path}`, async () => {
      const input = validInputs(w)[path];
      const got: Partial<Row> = {};
      for (const role of ROLES)
        got[role] = await attempt(t.db, t.mode, actorFor(w, role), path, input);
      expect(got).toEqual(EXPECTED[path]);
    });
  }
});
