import { and, desc, sql } from "drizzle-orm";
import { z } from "zod";
import { zId, zInt, zText } from "~/server/domain/validation";
import type { Db } from "~/db/client";
import { issues } from "~/db/schema";
import { titleTerms, rankDuplicates } from "~/server/domain/intake/similarity";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { routingEngine } from "../routing/engine";
import { visibleIssues } from "./access";
import { redactSimilarIssues } from "./issue-refs";

export const ZSuggestInput = z.object({
  title: zText("the title", 500).default(""),
  text: zText("the text", 40_000).default(""),
  limit: zInt("The number of suggestions", 5, 20).default(8),
});

/** Routing suggestions for a draft text: charter item, candidate groups, reasons. */
export async function suggestRouting(db: Db, input: z.infer<typeof ZSuggestInput>) {
  if (input.title.trim() === "" && input.text.trim() === "") return null;
  const engine = await routingEngine(db);
  const routed = engine.route({ title: input.title, text: input.text }, { limit: input.limit });
  // The engine learns public decisions and keeps them until it is rebuilt; one made
  // confidential since may still be among its similar documents, so it is named as for anyone.
  const [shown] = await redactSimilarIssues(db, null, [routed]);
  return shown ?? routed;
}

export const ZDuplicatesInput = z.object({
  title: zText("the title", 500),
  excludeId: zId("The issue number").optional(),
});

/**
 * Existing issues whose titles look like this one, among those the actor may see.
 * Full-text search narrows the candidates; a stemmed-term overlap score decides.
 */
export async function findPossibleDuplicates(
  db: Db,
  actor: MaybeActor,
  input: z.infer<typeof ZDuplicatesInput>,
) {
  const terms = [...titleTerms(input.title)].filter((t) => /^[a-z0-9]+$/.test(t));
  if (terms.length === 0) return [];
  const query = terms.map((t) => `${t}:*`).join(" | ");
  const rows = await db
    .select({ id: issues.id, title: issues.title, state: issues.state })
    .from(issues)
    .where(
      and(
        sql`to_tsvector('english', ${issues.title}) @@ to_tsquery('english', ${query})`,
        visibleIssues(actor),
        input.excludeId ? sql`${issues.id} <> ${input.excludeId}` : undefined,
      ),
    )
    .orderBy(desc(issues.createdAt))
    .limit(200);
  return rankDuplicates(input.title, rows, 5);
}
