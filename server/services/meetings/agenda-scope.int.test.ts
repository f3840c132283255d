/**
 * Another group's chairs cannot write into an IOTOPS issue's timeline through
 * their own session's agenda: only a session of the dispatch group, or of the
 * group the issue is recommended to, may take the issue and record its minutes.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agendaItems, events } from "~/db/schema";
import { createTestDatabase, testDbKind, type TestDatabase } from "~/db/testing/test-database";
import { dbState, driveTo, file } from "~/server/services/issues/test-fixtures";
import { makeCast, type Cast } from "~/server/services/people/test-fixtures";
import { expectDomainError } from "~/server/testing/calls";
import { changeAgenda, recordMinutes } from "./agenda";
import { createMeeting, createSession } from "./meetings";

let t: TestDatabase;
let cast: Cast;
let suitSession: number;
let iotopsSession: number;
let issue: number;

async function minutesEvents(issueId: number) {
  return t.db
    .select()
    .from(events)
    .where(
      and(
        eq(events.subjectType, "issue"),
        eq(events.subjectKey, String(issueId)),
        eq(events.type, "minutes-recorded"),
      ),
    );
}

describe(`which sessions may minute an issue, on ${testDbKind()}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    cast = await makeCast(t.db);
    await createMeeting(t.db, cast.secretariat, {
      number: 131,
      venue: "Vienna",
      timeZone: "Europe/Vienna",
      startDate: "2031-03-15",
      endDate: "2031-03-21",
    });
    const common = { meetingNumber: 131, startsAt: "", room: "" };
    suitSession = (await createSession(t.db, cast.secretariat, { ...common, group: "suit" })).id;
    iotopsSession = (await createSession(t.db, cast.secretariat, { ...common, group: "iotops" }))
      .id;
    issue = await file(t.db, cast.alice, { title: "An IOTOPS issue in discussion" });
    await driveTo(t.db, cast, issue, "in-discussion");
  });
  afterAll(async () => t?.destroy());

  it("refuses to put an IOTOPS issue on a SUIT agenda, for the SUIT chair and the secretariat", async () => {
    for (const who of [cast.suitChair, cast.secretariat]) {
      const before = await dbState(t.db);
      await expectDomainError(
        changeAgenda(t.db, who, {
          op: "add",
          sessionId: suitSession,
          expectedVersion: 1,
          issueId: issue,
          presenter: "",
          minutesRequested: 15,
        }),
        "FORBIDDEN",
        /only an IOTOPS session/,
      );
      expect(await dbState(t.db)).toEqual(before);
    }
  });

  it("refuses minutes from a SUIT session on an IOTOPS issue, writing nothing to its timeline", async () => {
    // An item that reached the SUIT agenda before the rule (or by hand).
    const [item] = await t.db
      .insert(agendaItems)
      .values({
        sessionId: suitSession,
        issueId: issue,
        presenter: "",
        minutesRequested: 10,
        position: 0,
      })
      .returning({ id: agendaItems.id });
    await expectDomainError(
      recordMinutes(t.db, cast.suitChair, {
        sessionId: suitSession,
        itemId: item!.id,
        minutes: "Minutes written by another group's chair.",
        sendToReview: false,
      }),
      "FORBIDDEN",
      /IOTOPS session/,
    );
    expect(await minutesEvents(issue)).toEqual([]);
    const [row] = await t.db.select().from(agendaItems).where(eq(agendaItems.id, item!.id));
    expect(row!.minutes ?? "").toBe("");
  });

  it("still lets the IOTOPS chairs minute it in an IOTOPS session", async () => {
    await changeAgenda(t.db, cast.iotopsChair, {
      op: "add",
      sessionId: iotopsSession,
      expectedVersion: 1,
      issueId: issue,
      presenter: "",
      minutesRequested: 15,
    });
    const [item] = await t.db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.sessionId, iotopsSession), eq(agendaItems.issueId, issue)));
    await recordMinutes(t.db, cast.iotopsChair, {
      sessionId: iotopsSession,
      itemId: item!.id,
      minutes: "Discussed; more input needed.",
      sendToReview: false,
    });
    const evs = await minutesEvents(issue);
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({ actorId: cast.iotopsChair.personId, groupAcronym: "iotops" });
  });
});
