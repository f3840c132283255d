import type { Queryable } from "~/db/client";
import { CHARTER_ITEMS } from "~/server/domain/catalog";
import {
  createRoutingEngine,
  type KnownDocument,
  type RoutingEngine,
} from "~/server/domain/routing";
import { loadGroupProfiles } from "../groups/profiles";
import { knowledgeFingerprint, loadKnowledge } from "./knowledge";

/** How often a server checks whether other servers added knowledge. */
const RECHECK_MS = 30_000;

interface Cached {
  engine: RoutingEngine;
  fingerprint: string;
  checkedAt: number;
  /** Names added in this process since the last rebuild. */
  added: Set<string>;
}

declare global {
  var __iotopsRouting: WeakMap<object, Promise<Cached>> | undefined;
}

function cache(): WeakMap<object, Promise<Cached>> {
  globalThis.__iotopsRouting ??= new WeakMap();
  return globalThis.__iotopsRouting;
}

async function build(db: Queryable): Promise<Cached> {
  const [groups, documents, fingerprint] = await Promise.all([
    loadGroupProfiles(db),
    loadKnowledge(db),
    knowledgeFingerprint(db),
  ]);
  const engine = createRoutingEngine({ groups, charterItems: CHARTER_ITEMS, documents });
  return { engine, fingerprint, checkedAt: Date.now(), added: new Set() };
}

/**
 * The routing engine for a database, built once per process from the groups
 * table and the database's documents and decisions. Additions in this process
 * are applied incrementally; additions by other app servers are picked up by
 * comparing a fingerprint at most every 30 seconds.
 */
export async function routingEngine(db: Queryable): Promise<RoutingEngine> {
  const key = db as object;
  let entry = cache().get(key);
  if (!entry) {
    entry = build(db);
    cache().set(key, entry);
    entry.catch(() => cache().delete(key));
  }
  const cached = await entry;
  if (Date.now() - cached.checkedAt > RECHECK_MS) {
    cached.checkedAt = Date.now();
    const fp = await knowledgeFingerprint(db);
    if (fp !== cached.fingerprint && cached.added.size === 0) {
      const fresh = build(db);
      cache().set(key, fresh);
      return (await fresh).engine;
    }
    if (fp !== cached.fingerprint) {
      // Local additions already applied; rebuild in the background to pick up the rest.
      const fresh = build(db);
      fresh.then(
        () => cache().set(key, fresh),
        () => {},
      );
    }
  }
  return cached.engine;
}

/** Teach the engine a new document or decision right away (after the transaction commits). */
export async function teachRouting(db: Queryable, docs: readonly KnownDocument[]): Promise<void> {
  const entry = cache().get(db as object);
  if (!entry) return; // not built yet: the first build will read it from the database
  const cached = await entry;
  for (const d of docs) {
    if (cached.added.has(d.name)) continue;
    cached.engine.addDocument(d);
    cached.added.add(d.name);
  }
}
