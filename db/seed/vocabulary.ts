import { sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { docStates, docTags, intendedStdLevels } from "../schema";
import {
  DOC_TAGS,
  INTENDED_STD_LEVELS,
  STATE_TYPES,
  statesOf,
} from "~/server/domain/documents/vocabulary";

/** The Datatracker state vocabulary, upserted so re-seeding changes nothing. */
export async function seedVocabulary(db: Queryable): Promise<void> {
  const stateRows = STATE_TYPES.flatMap((t) =>
    statesOf(t.slug).map((s, i) => ({
      type: t.slug,
      slug: s.slug,
      name: s.name,
      position: s.order ?? i,
      nextStates: [...s.nextStates],
      meaning: s.meaning ?? null,
      used: s.used,
    })),
  );
  await db
    .insert(docStates)
    .values(stateRows)
    .onConflictDoUpdate({
      target: [docStates.type, docStates.slug],
      set: {
        name: sql`excluded.name`,
        position: sql`excluded.position`,
        nextStates: sql`excluded.next_states`,
        meaning: sql`excluded.meaning`,
        used: sql`excluded.used`,
      },
    });
  await db
    .insert(docTags)
    .values(DOC_TAGS.map((t) => ({ slug: t.slug, name: t.name, position: t.order })))
    .onConflictDoUpdate({
      target: docTags.slug,
      set: { name: sql`excluded.name`, position: sql`excluded.position` },
    });
  await db
    .insert(intendedStdLevels)
    .values(
      INTENDED_STD_LEVELS.map((l) => ({
        slug: l.slug,
        name: l.name,
        position: l.order,
        used: l.used,
      })),
    )
    .onConflictDoUpdate({
      target: intendedStdLevels.slug,
      set: { name: sql`excluded.name`, position: sql`excluded.position`, used: sql`excluded.used` },
    });
}
