import { inArray } from "drizzle-orm";
import type { Db, Queryable } from "~/db/client";
import { datatrackerStates, docStates } from "~/db/schema";
import { mapState, type KnownState } from "~/server/domain/datatracker/documents";
import { SYNC_ACTOR_CAPACITY } from "~/server/domain/datatracker/sync-vocabulary";
import { URI } from "~/server/domain/datatracker/tastypie";
import { stateByDatatrackerPk } from "~/server/domain/documents/vocabulary";
import { recordEvents, type EventInput } from "../events";
import { objectUrl, offsetPages, type Reader, type RunLog } from "./pager";

/** Datatracker state ids: the built-in vocabulary's, and those learnt from the API. */
export class StateIds {
  private readonly learnt = new Map<number, KnownState>();

  static async load(db: Queryable): Promise<StateIds> {
    const ids = new StateIds();
    for (const s of await db.select().from(datatrackerStates))
      ids.learnt.set(s.datatrackerId, { type: s.type, slug: s.slug });
    return ids;
  }

  get(pk: number): KnownState | undefined {
    const builtIn = stateByDatatrackerPk(pk);
    return builtIn ? { type: builtIn.stateType, slug: builtIn.state.slug } : this.learnt.get(pk);
  }

  /**
   * Fetch states this run has met but does not know (`/api/v1/doc/state/?id__in=`)
   * and add them to the vocabulary, with an event each, in one transaction.
   */
  async learn(db: Db, reader: Reader, pks: readonly number[], log: RunLog): Promise<void> {
    const missing = [...new Set(pks)].filter((pk) => !this.get(pk));
    if (missing.length === 0) return;
    const counts = log.of("states");
    const found: NonNullable<ReturnType<typeof mapState> & { ok: true }>["value"][] = [];
    for await (const page of offsetPages(reader, URI.state, { id__in: missing.join(",") })) {
      counts.pages++;
      counts.fetched += page.objects.length;
      for (const o of page.objects) {
        const m = mapState(o);
        if (m.ok) found.push(m.value);
        else {
          counts.skipped++;
          log.problem("states", objectUrl(reader, page, o), m.problem);
        }
      }
    }
    await db.transaction(async (tx) => {
      const events: EventInput[] = [];
      const existing = new Set(
        (
          await tx
            .select({ type: docStates.type, slug: docStates.slug })
            .from(docStates)
            .where(inArray(docStates.type, [...new Set(found.map((s) => s.type)), ""]))
        ).map((s) => `${s.type}/${s.slug}`),
      );
      for (const s of found) {
        await tx
          .insert(datatrackerStates)
          .values({ datatrackerId: s.datatrackerId, type: s.type, slug: s.slug })
          .onConflictDoNothing();
        if (existing.has(`${s.type}/${s.slug}`)) {
          counts.unchanged++;
          continue;
        }
        const next = s.nextStateIds.flatMap((id) => {
          const k = this.get(id) ?? found.find((f) => f.datatrackerId === id);
          return k && ("type" in k ? k.type === s.type : false) ? [k.slug] : [];
        });
        await tx
          .insert(docStates)
          .values({
            type: s.type,
            slug: s.slug,
            name: s.name,
            position: s.order,
            nextStates: next,
            used: s.used,
            meaning: null,
          })
          .onConflictDoNothing();
        counts.created++;
        events.push({
          subjectType: "vocabulary",
          subjectKey: `${s.type}/${s.slug}`,
          type: "state-added-by-sync",
          actorId: null,
          actorCapacity: SYNC_ACTOR_CAPACITY,
          payload: { type: s.type, slug: s.slug, name: s.name, datatrackerId: s.datatrackerId },
        });
      }
      await recordEvents(tx, events);
    });
    for (const s of found) this.learnt.set(s.datatrackerId, { type: s.type, slug: s.slug });
  }
}
