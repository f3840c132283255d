import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "~/db/client";
import { queryRows } from "~/db/rows";
import {
  mayBeMisspelt,
  queryWords,
  tsqueryText,
  type WordAlternatives,
} from "~/server/domain/search/query";

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
 * A word the searchable texts do not contain is replaced by the indexed words
 * spelt most like it ("BRSKY" → "brski", "vouchr" → "voucher"). One query on the
 * small word list (`search_terms`), through its trigram index; the texts
 * themselves are never scanned for similarity.
 */
async function withAlternatives(db: Queryable, words: string[]): Promise<WordAlternatives[]> {
  const fuzzy = words.filter(mayBeMisspelt);
  if (fuzzy.length === 0) return words.map((word) => ({ word, alternatives: [] }));
  const list = sql.join(
    fuzzy.map((w) => sql`${w}`),
    sql`, `,
  );
  const rows = await queryRows(
    db,
    sql`select w.word,
          exists (select 1 from search_terms t where t.term = w.word) as known,
          array(select t.term from search_terms t
                where t.term % w.word and similarity(t.term, w.word) >= ${MIN_SIMILARITY}
                order by similarity(t.term, w.word) desc, t.term
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

/** The queries for `q`, or null when it holds no word to search for. */
export async function textQueries(db: Queryable, q: string): Promise<TextQuery | null> {
  const words = queryWords(q);
  if (words.length === 0) return null;
  const alternatives = await withAlternatives(db, words);
  const all = tsqueryText(alternatives, "all");
  if (all === null) return null;
  const any = words.length > 1 ? tsqueryText(alternatives, "any") : null;
  return {
    all: sql`to_tsquery('english', ${all})`,
    any: any === null ? null : sql`to_tsquery('english', ${any})`,
  };
}

/** The every-word query for `q` (the lists' text filter), or null when it holds no word. */
export async function textQuery(db: Queryable, q: string): Promise<SQL | null> {
  return (await textQueries(db, q))?.all ?? null;
}
