import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { digestItems, digests, outbox } from "~/db/schema";
import {
  closedPeriod,
  DAY_MINUTES,
  digestSubject,
  digestText,
} from "~/server/domain/notifications/digest";
import { visibleIssues } from "../issues/access";
import { actorsFor } from "./notify";

export interface DigestReport {
  /** Digests written to the outbox by this run. */
  built: number;
}

/**
 * Build the digests of the period that just closed: for each person with
 * notifications waiting from before its end, one outbox message holding all of
 * them. The `digests` row, unique per (person, period), is written in the same
 * transaction as the message and the items' link to it, so a restarted or a
 * concurrent worker finds it and builds nothing twice; a crash before the commit
 * leaves everything waiting for the next run.
 */
export async function buildDigests(
  db: Db,
  opts: { now?: Date; periodMinutes?: number; baseUrl: string },
): Promise<DigestReport> {
  const period = closedPeriod(opts.now ?? new Date(), opts.periodMinutes ?? DAY_MINUTES);
  const waiting = await db
    .selectDistinct({ personId: digestItems.personId })
    .from(digestItems)
    .where(and(isNull(digestItems.digestId), lt(digestItems.createdAt, period.end)));
  let built = 0;
  for (const { personId } of waiting) {
    const done = await db.transaction(async (tx) => {
      const [digest] = await tx
        .insert(digests)
        .values({ personId, periodStart: period.start, itemCount: 0 })
        .onConflictDoNothing()
        .returning({ id: digests.id });
      if (!digest) return false; // already built for this period, by this or another worker
      const actor = (await actorsFor(tx, [personId])).get(personId);
      const visible = actor ? visibleIssues(actor) : undefined;
      const rows = await tx
        .select({
          id: digestItems.id,
          subject: digestItems.subject,
          path: digestItems.path,
          createdAt: digestItems.createdAt,
          // An item about an issue the person may no longer see stays out of the message.
          // (Plain names: a one-table select leaves drizzle's columns unqualified.)
          hidden: visible
            ? sql<boolean>`exists (select 1 from events e inner join issues
                on e.subject_type = 'issue' and issues.id::text = e.subject_key
                where e.id = digest_items.event_id and not (${visible}))`
            : sql<boolean>`false`,
        })
        .from(digestItems)
        .where(
          and(
            eq(digestItems.personId, personId),
            isNull(digestItems.digestId),
            lt(digestItems.createdAt, period.end),
          ),
        )
        .orderBy(asc(digestItems.createdAt), asc(digestItems.id))
        .for("update");
      if (rows.length === 0 || !actor) return false;
      await tx
        .update(digestItems)
        .set({ digestId: digest.id })
        .where(
          inArray(
            digestItems.id,
            rows.map((r) => r.id),
          ),
        );
      const shown = rows.filter((r) => !r.hidden);
      await tx.update(digests).set({ itemCount: shown.length }).where(eq(digests.id, digest.id));
      if (shown.length === 0) return false;
      const day = period.start.toISOString().slice(0, 16).replace(/[:T]/g, "-");
      await tx.insert(outbox).values({
        personId,
        toAddress: actor.email,
        subject: digestSubject(shown, period.start),
        body: digestText(shown, opts.baseUrl),
        messageId: `<digest-${day}.person-${personId}@iotops-dispatch>`,
      });
      return true;
    });
    if (done) built++;
  }
  return { built };
}

/** A person's notifications still waiting for their digest (the settings page shows the count). */
export async function waitingForDigest(db: Db, personId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(digestItems)
    .where(and(eq(digestItems.personId, personId), isNull(digestItems.digestId)));
  return r?.n ?? 0;
}
