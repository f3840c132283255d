import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "~/db/client";
import { queryRows } from "~/db/rows";
import { confidentialSearchTerms, issues } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import {
  mayBeMisspelt,
  queryWords,
  tsqueryText,
  type WordAlternatives,
} from "~/server/domain/search/query";
import { visibleIssues } from "../issues/access";

/** How many similar spellings a word the index does not hold is widened to. */
const ALTERNATIVES_PER_WORD = 3;
/**
 * How alike (trigram similarity, 0 to 1) a spelling must be. The index finds
 * candidates above pg_trgm's default 0.3; this keeps the close ones ("brsky" →
 * "brski" is 0.5) and drops loose ones ("script" → "javascript" is 0.38).
 */
const MIN_SIMILARITY = 0.45;

const ZWordRow = z.object({
  word: z.string(),
  known: z.boolean(),
  similar: z.array(z.string()),
});

/**
 * The rows of `confidential_search_terms` (words of confidential issues and of
 * their comments) whose issue the actor may see, joined to `issues`; null when
 * the actor sees no confidential issue beyond what anyone sees. The shared list
 * holds only words anyone may read, so these are added per reader.
 */
function confidentialTermsFor(actor: MaybeActor): SQL | null {
  if (!actor) return null;
  const visible = visibleIssues(actor);
  return sql`${confidentialSearchTerms} join ${issues} on ${issues.id} = ${confidentialSearchTerms.issueId}
    where ${and(eq(issues.confidential, true), visible)}`;
}

/**
 * A word the texts the actor may read do not contain is replaced by the words
 * spelt most like it ("BRSKY" → "brski", "vouchr" → "voucher"). One query on the
 * small word lists through their trigram indexes: `search_terms` (words of
 * public texts) and the words of the confidential issues the actor may see; the
 * texts themselves are never scanned for similarity. Which words are known
 * therefore depends only on what the actor may read.
 */
async function withAlternatives(
  db: Queryable,
  actor: MaybeActor,
  words: string[],
): Promise<WordAlternatives[]> {
  const fuzzy = words.filter(mayBeMisspelt);
  if (fuzzy.length === 0) return words.map((word) => ({ word, alternatives: [] }));
  const list = sql.join(
    fuzzy.map((w) => sql`${w}`),
    sql`, `,
  );
  const hidden = confidentialTermsFor(actor);
  const term = confidentialSearchTerms.term;
  const rows = await queryRows(
    db,
    sql`select w.word,
          exists (select 1 from search_terms t where t.term = w.word)${
            hidden ? sql` or exists (select 1 from ${hidden} and ${term} = w.word)` : sql``
          } as known,
          array(select c.term from (
                  select t.term from search_terms t where t.term % w.word${
                    hidden ? sql` union select ${term} from ${hidden} and ${term} % w.word` : sql``
                  }) as c
                where similarity(c.term, w.word) >= ${MIN_SIMILARITY}
                order by similarity(c.term, w.word) desc, c.term
                limit ${ALTERNATIVES_PER_WORD}) as similar
        from unnest(array[${list}]::text[]) as w(word)`,
    ZWordRow,
  );
  const similar = new Map(rows.map((r) => [r.word, r.known ? [] : r.similar]));
  return words.map((word) => ({ word, alternatives: similar.get(word) ?? [] }));
}

/** The full-text queries for what a person typed. */
export interface TextQuery {
  /** Every word must match (as typed or spelt like it); stop words are ignored. */
  all: SQL;
  /** Any word may match: the fallback when nothing has every word. Null for one word. */
  any: SQL | null;
}

/** The queries for `q` as `actor` types it, or null when it holds no word to search for. */
export async function textQueries(
  db: Queryable,
  actor: MaybeActor,
  q: string,
): Promise<TextQuery | null> {
  const words = queryWords(q);
  if (words.length === 0) return null;
  const alternatives = await withAlternatives(db, actor, words);
  const all = tsqueryText(alternatives, "all");
  if (all === null) return null;
  const any = words.length > 1 ? tsqueryText(alternatives, "any") : null;
  return {
    all: sql`to_tsquery('english', ${all})`,
    any: any === null ? null : sql`to_tsquery('english', ${any})`,
  };
}

/** The every-word query for `q` (the lists' text filter), or null when it holds no word. */
export async function textQuery(db: Queryable, actor: MaybeActor, q: string): Promise<SQL | null> {
  return (await textQueries(db, actor, q))?.all ?? null;
}
