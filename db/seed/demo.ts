import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { appMeta, documentAuthors, documents } from "../schema";
import fixture from "~/server/domain/documents/fixtures/datatracker-documents.json";
import { loadActor } from "~/server/auth/load-actor";
import { hashPassword } from "~/server/auth/passwords";
import type { Actor } from "~/server/domain/permissions/actor";
import { ZIssueFields, type IssueFieldsInput } from "~/server/domain/intake/fields";
import type { IssueCommand } from "~/server/domain/dispatch/machine";
import { importDocuments } from "~/server/services/documents/import-documents";
import { fileIssue } from "~/server/services/issues/file-issue";
import { transitionIssue } from "~/server/services/issues/transition-issue";
import { triageIssue } from "~/server/services/issues/triage-issue";
import { commentOnIssue } from "~/server/services/issues/comment-issue";
import { DEMO_PASSWORD, seedDemoPeople } from "./demo-people";
import { upcomingDemoMeeting } from "./meetings";
import { createMeeting, createSession } from "~/server/services/meetings/meetings";
import { changeAgenda } from "~/server/services/meetings/agenda";

/** Arbitrary constant key serialising demo seeding across app servers. */
const DEMO_LOCK_KEY = 720_958;

interface DemoIssue {
  by: "contributor" | "suit-chair";
  fields: IssueFieldsInput;
  /** Commands applied in order, each by the named persona. */
  steps?: { as: "chair" | "ad" | "suit-chair" | "contributor"; command: IssueCommand }[];
  assignChair?: boolean;
  comment?: string;
}

const PEOPLE = "Casey Contributor, Dana Operator, Lee Vendor";

/** A handful of issues in different states, so the demo never opens empty. Written for this project. */
const DEMO_ISSUES: DemoIssue[] = [
  {
    by: "contributor",
    fields: {
      title: "Firmware update manifests differ between vendors of constrained sensors",
      problemStatement:
        "We operate about forty thousand battery-powered environmental sensors from three vendors. Each vendor packages firmware images with its own manifest format and signing scheme, so our update service needs a separate pipeline per vendor and cannot check, before sending an image over the air, whether a device will accept it. Failed updates drain batteries and sometimes leave devices unreachable until a technician visits. We would like one interoperable way to describe, sign and verify update images for class 1 devices.",
      deviceClass: "class-1",
      scale: "thousands",
      networkType: "6LoWPAN over IEEE 802.15.4",
      relatedDocuments: ["draft-ietf-suit-manifest", "rfc9019"],
      desiredOutcome:
        "Guidance on using the SUIT manifest across vendors, or gaps for SUIT to close.",
      overlapNotes:
        "RFC 9019 describes the architecture; the SUIT manifest draft defines the format.",
      interestedPeople: PEOPLE,
      implementers: "Lee Vendor (sensor firmware), Dana Operator (update service)",
      slidesUrl: "https://example.org/slides/suit-fleet.pdf",
    },
    assignChair: true,
    steps: [
      { as: "chair", command: { type: "start-discussion" } },
      {
        as: "chair",
        command: {
          type: "recommend",
          recommendation: {
            outcome: {
              kind: "existing-wg",
              targetGroup: "suit",
              charterItem: "firmware-update",
              needsRecharter: false,
            },
            rationale:
              "The manifest work in SUIT covers this problem; the operators' experience should feed SUIT's deployment guidance.",
          },
        },
      },
      { as: "chair", command: { type: "request-review" } },
    ],
  },
  {
    by: "contributor",
    fields: {
      title: "Onboarding thousands of Thread devices without per-device configuration",
      problemStatement:
        "Installers commission Thread devices one at a time with a phone app. For building-wide deployments this does not scale, and the credentials end up in installers' phones. We need zero-touch enrolment that works for devices with no display.",
      deviceClass: "class-2",
      scale: "thousands",
      networkType: "Thread",
      desiredOutcome:
        "Identify which onboarding work (BRSKI variants, FDO) fits and what is missing.",
    },
  },
  {
    by: "contributor",
    fields: {
      title: "Quarantining compromised smart plugs on home networks",
      problemStatement:
        "When a smart plug is known to be compromised, home routers have no standard way to isolate it while keeping it able to fetch a fix.",
      deviceClass: "unconstrained",
      scale: "millions",
      networkType: "Wi-Fi",
    },
    steps: [
      {
        as: "chair",
        command: {
          type: "request-info",
          message:
            "Which routers and which signals would trigger the quarantine? Is MUD in use on these networks?",
        },
      },
    ],
  },
  {
    by: "contributor",
    fields: {
      title: "Revoking device credentials when industrial sensors reach end of life",
      problemStatement:
        "Decommissioned sensors keep valid certificates and network credentials for years. Operators lack a common procedure to revoke them and to wipe devices before resale or disposal.",
      scale: "hundreds",
      desiredOutcome: "An operational BCP on end-of-life handling.",
    },
    assignChair: true,
    steps: [
      {
        as: "chair",
        command: { type: "start-discussion", note: "Scheduled for the next IOTOPS session." },
      },
    ],
    comment:
      "Several operators on the list have asked for this. A BCP in IOTOPS looks like the right size.",
  },
  {
    by: "contributor",
    fields: {
      title: "Publishing software bills of materials for device fleets",
      problemStatement:
        "Operators want to know which software components run on each device model so they can respond to vulnerabilities quickly. Vendors publish SBOMs inconsistently and devices have no standard way to point to theirs.",
      relatedDocuments: ["draft-doe-iotops-sbom-discovery"],
      interestedPeople: PEOPLE,
    },
    steps: [
      {
        as: "chair",
        command: {
          type: "recommend",
          recommendation: {
            outcome: {
              kind: "existing-wg",
              targetGroup: "suit",
              charterItem: "security-privacy",
              needsRecharter: true,
            },
            rationale:
              "SUIT's manifest can carry a reference to the SBOM; this needs a small recharter.",
          },
        },
      },
      { as: "chair", command: { type: "request-review" } },
      {
        as: "ad",
        command: { type: "approve", rationale: "Agreed; SUIT to consider a recharter item." },
      },
    ],
  },
  {
    by: "contributor",
    fields: {
      title: "Hard-coded maintenance password in a deployed camera model",
      problemStatement:
        "A widely deployed camera model accepts a fixed maintenance password on a debug port. The vendor has been told; details are embargoed until a fix ships.",
      confidential: true,
    },
  },
];

/** ANIMA's onboarding documents, which the demo's onboarding issue is about. */
const ANIMA_DOCUMENTS = [
  {
    name: "rfc8995",
    title: "Bootstrapping Remote Secure Key Infrastructure (BRSKI)",
    abstract:
      "How a new device with a manufacturer-installed identity joins an operator's network without manual configuration, using a voucher from the manufacturer to trust the registrar.",
    stream: "ietf",
    groupAcronym: "anima",
    intendedStdLevel: "ps",
  },
  {
    name: "rfc8366",
    title: "A Voucher Artifact for Bootstrapping Protocols",
    abstract:
      "The signed voucher a manufacturer issues so that a device can trust the domain that owns it during bootstrapping.",
    stream: "ietf",
    groupAcronym: "anima",
    intendedStdLevel: "ps",
  },
  {
    name: "draft-ietf-anima-brski-prm",
    rev: "12",
    title: "BRSKI with Pledge in Responder Mode (BRSKI-PRM)",
    abstract:
      "A BRSKI variant for devices that cannot reach the registrar themselves: an agent collects the voucher request and brings the voucher back.",
    stream: "ietf",
    groupAcronym: "anima",
    intendedStdLevel: "ps",
  },
];

/** Demo people (one per role), documents and a handful of issues, loaded once. */
export async function seedDemo(db: Db): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK_KEY})`);
    const done = await tx
      .select()
      .from(appMeta)
      .where(sql`${appMeta.key} = 'demo-seeded'`);
    if (done.length > 0) return;
    const ids = await seedDemoPeople(tx, hash);
    const actors: Record<string, Actor> = {};
    for (const [key, id] of Object.entries(ids)) actors[key] = (await loadActor(tx, id))!;

    await importDocuments(tx, actors.secretariat!, JSON.stringify(fixture));
    await tx.insert(documents).values(ANIMA_DOCUMENTS).onConflictDoNothing();
    await tx.insert(documentAuthors).values({
      documentName: "draft-doe-iotops-sbom-discovery",
      name: "Casey Contributor",
      email: "contributor@example.org",
    });

    const filed: number[] = [];
    for (const d of DEMO_ISSUES) {
      const { id } = await fileIssue(tx, actors[d.by]!, ZIssueFields.parse(d.fields));
      let version = 1;
      if (d.assignChair) {
        version = (
          await triageIssue(tx, actors.chair!, {
            issueId: id,
            expectedVersion: version,
            responsibleChairId: ids.chair!,
          })
        ).version;
      }
      for (const step of d.steps ?? []) {
        version = (
          await transitionIssue(tx, actors[step.as]!, {
            issueId: id,
            expectedVersion: version,
            command: step.command,
          })
        ).version;
      }
      if (d.comment) await commentOnIssue(tx, actors.chair!, { issueId: id, body: d.comment });
      filed.push(id);
    }
    const meeting = upcomingDemoMeeting();
    await createMeeting(tx, actors.secretariat!, meeting);
    const session = await createSession(tx, actors.secretariat!, {
      meetingNumber: meeting.number,
      group: "iotops",
      startsAt: `${meeting.startDate} 13:00`,
      durationMinutes: 90,
      room: "Room 2",
    });
    // The end-of-life issue is in discussion: put it on the agenda.
    await changeAgenda(tx, actors.chair!, {
      op: "add",
      sessionId: session.id,
      expectedVersion: 1,
      issueId: filed[3]!,
      presenter: "Casey Contributor",
      minutesRequested: 15,
    });
    await tx.insert(appMeta).values({ key: "demo-seeded", value: new Date().toISOString() });
  });
}
