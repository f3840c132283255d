/**
 * Datatracker API objects for tests, written for this project in the API's shapes.
 * Ids are made up; acronyms and state ids follow the Datatracker's vocabulary.
 */
import type { ApiObject, FakeData } from "./fake-datatracker";

const T0 = Date.parse("2026-01-05T09:00:00Z");
/** A Datatracker `time` `hours` after the fixture's start, as the API writes it (microseconds, no zone). */
export const at = (hours: number) =>
  new Date(T0 + hours * 3_600_000)
    .toISOString()
    .replace("Z", "")
    .replace(/\.(\d{3})$/, ".$1000");

export function group(
  id: number,
  acronym: string,
  name: string,
  type: string,
  parent: number | null,
  time: string,
  over: ApiObject = {},
): ApiObject {
  return {
    id,
    acronym,
    name,
    type: `/api/v1/name/grouptypename/${type}/`,
    state: "/api/v1/name/groupstatename/active/",
    parent: parent === null ? null : `/api/v1/group/group/${parent}/`,
    description: `${name}: fixture description.\n\nA second paragraph that summaries leave out.`,
    list_email: `${acronym}@ietf.example`,
    list_subscribe: `https://mail.ietf.example/${acronym}`,
    list_archive: `https://mailarchive.ietf.example/browse/${acronym}/`,
    charter: type === "wg" ? `/api/v1/doc/document/charter-ietf-${acronym}/` : null,
    comments: "",
    time,
    resource_uri: `/api/v1/group/group/${id}/`,
    ...over,
  };
}

export function role(
  id: number,
  slug: string,
  groupId: number,
  personId: number,
  email: string,
): ApiObject {
  return {
    id,
    name: `/api/v1/name/rolename/${slug}/`,
    group: `/api/v1/group/group/${groupId}/`,
    person: `/api/v1/person/person/${personId}/`,
    email: `/api/v1/person/email/${email}/`,
    resource_uri: `/api/v1/group/role/${id}/`,
  };
}

export function doc(
  name: string,
  rev: string,
  groupId: number,
  states: number[],
  time: string,
  over: ApiObject = {},
): ApiObject {
  const isRfc = name.startsWith("rfc");
  return {
    name,
    rev: isRfc ? "" : rev,
    type: `/api/v1/name/doctypename/${isRfc ? "rfc" : "draft"}/`,
    title: `Fixture document ${name}`,
    abstract: `Fixture abstract of ${name}.`,
    group: `/api/v1/group/group/${groupId}/`,
    stream: "/api/v1/name/streamname/ietf/",
    intended_std_level: null,
    ad: null,
    shepherd: null,
    states: states.map((s) => `/api/v1/doc/state/${s}/`),
    tags: [],
    time,
    resource_uri: `/api/v1/doc/document/${name}/`,
    ...over,
  };
}

export function state(
  id: number,
  type: string,
  slug: string,
  name: string,
  order: number,
): ApiObject {
  return {
    id,
    type: `/api/v1/doc/statetype/${type}/`,
    slug,
    name,
    order,
    used: true,
    desc: "",
    next_states: [],
    resource_uri: `/api/v1/doc/state/${id}/`,
  };
}

export function replaces(id: number, source: string, target: string): ApiObject {
  return {
    id,
    source: `/api/v1/doc/document/${source}/`,
    target: `/api/v1/doc/document/${target}/`,
    relationship: "/api/v1/name/docrelationshipname/replaces/",
    resource_uri: `/api/v1/doc/relateddocument/${id}/`,
  };
}

/** Datatracker ids used by the fixture. */
export const ID = {
  ops: 1001,
  sec: 1002,
  art: 1004,
  irtf: 1100,
  iotops: 2291,
  suit: 2051,
  core: 1500,
  t2trg: 1700,
  iotdir: 1800,
  newwg: 1900,
  program: 1950,
} as const;

/** Datatracker person ids (people here are matched by linked account or verified e-mail). */
export const PERSON = {
  carol: 100101,
  erin: 100102,
  dave: 100103,
  unknown: 100104,
  mallory: 100105,
} as const;

/** State ids: from the built-in vocabulary, and one it lacks (an RFC Editor state). */
export const S = {
  active: 1,
  rfc: 3,
  repl: 4,
  wgDoc: 38,
  wgLc: 41,
  subPub: 44,
  idExists: 150,
  pubReq: 16,
  approved: 9,
  rfcEdEdit: 9001,
} as const;

/** A fresh copy of the fixture: 4 areas or parents, 7 groups, 6 roles, 12 documents. */
export function fixtureData(): FakeData {
  return {
    groups: [
      group(ID.ops, "ops", "Operations and Management Area", "area", null, at(0)),
      group(ID.sec, "sec", "Security Area", "area", null, at(0.5)),
      group(ID.art, "art", "Applications and Real-Time Area", "area", null, at(1)),
      group(ID.irtf, "irtf", "Internet Research Task Force", "irtf", null, at(1)),
      group(ID.iotops, "iotops", "IOT Operations", "wg", ID.ops, at(2)),
      group(ID.suit, "suit", "Software Updates for Internet of Things", "wg", ID.sec, at(3)),
      group(ID.core, "core", "Constrained RESTful Environments", "wg", ID.art, at(4)),
      group(ID.t2trg, "t2trg", "Thing-to-Thing", "rg", ID.irtf, at(5)),
      group(ID.iotdir, "iotdir", "Internet of Things Directorate", "dir", ID.ops, at(6)),
      group(ID.newwg, "fixtwg", "Fixture Working Group", "wg", ID.ops, at(7)),
      group(ID.program, "fixtprog", "Fixture Program", "program", null, at(7.5)),
    ],
    roles: [
      role(5001, "chair", ID.iotops, PERSON.carol, "carol@example.org"),
      role(5002, "ad", ID.ops, PERSON.erin, "erin@example.org"),
      role(5003, "chair", ID.suit, PERSON.dave, "dave@example.org"),
      role(5004, "secr", ID.iotops, PERSON.unknown, "nobody-here@example.org"),
      role(5005, "chair", ID.core, PERSON.mallory, "mallory@example.org"),
      role(5006, "chair", ID.program, PERSON.carol, "carol@example.org"),
    ],
    documents: [
      doc("draft-ietf-iotops-alpha", "03", ID.iotops, [S.active, S.wgDoc, S.idExists], at(10)),
      doc("draft-ietf-iotops-beta", "01", ID.iotops, [S.active, S.wgLc], at(11), {
        intended_std_level: "/api/v1/name/intendedstdlevelname/inf/",
      }),
      doc("draft-ietf-iotops-gamma", "00", ID.iotops, [S.active, S.wgDoc], at(12)),
      doc(
        "draft-ietf-suit-manifest",
        "34",
        ID.suit,
        [S.active, S.subPub, S.approved, S.rfcEdEdit],
        at(13),
        {
          ad: `/api/v1/person/person/${PERSON.erin}/`,
          shepherd: "/api/v1/person/email/dave@example.org/",
        },
      ),
      doc("draft-ietf-suit-report", "07", ID.suit, [S.active, S.wgLc], at(14)),
      doc("draft-ietf-suit-old-report", "02", ID.suit, [S.repl], at(14)),
      doc("draft-ietf-core-href", "16", ID.core, [S.active, S.subPub, S.pubReq], at(15)),
      doc("draft-ietf-core-groupcomm", "10", ID.core, [S.active, S.wgDoc], at(16)),
      doc("rfc9019", "", ID.suit, [S.rfc], at(17), {
        title: "Fixture RFC on firmware update architecture",
      }),
      doc("draft-irtf-t2trg-fixture", "05", ID.t2trg, [S.active], at(18), {
        stream: "/api/v1/name/streamname/irtf/",
      }),
      doc("draft-ietf-fixtwg-first", "00", ID.newwg, [S.active, S.wgDoc], at(19)),
      doc("draft-fixture-program-note", "00", ID.program, [S.active], at(20)),
    ],
    states: [state(S.rfcEdEdit, "draft-rfceditor", "edit", "EDIT", 3)],
    relations: [replaces(7001, "draft-ietf-suit-report", "draft-ietf-suit-old-report")],
  };
}
