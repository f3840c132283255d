/**
 * The search word lists (`search_terms`, `confidential_search_terms`) filled once
 * after the bulk load instead of by their statement-level triggers batch by
 * batch. The triggers parse every text again with `to_tsvector('simple', …)`:
 * about 200 µs of PostgreSQL CPU per generated issue, a third of the load at
 * 1,000,000 issues, for a few thousand distinct words.
 *
 * The generator collects the distinct whitespace-separated tokens of the public
 * texts instead, and PostgreSQL turns those into words with the same
 * `search_terms_of` the triggers use. The default text parser never joins
 * tokens across whitespace, so the words of a text are the words of its tokens
 * (`deferred-words.int.test.ts` compares both ways on a generated data set).
 * Confidential texts are few (1 %); their words are computed the way the
 * triggers compute them, per issue, in one statement each.
 */
import type { RawClient } from "./bulk";

/** Distinct whitespace-separated tokens of the texts added. */
export class Tokens {
  private readonly seen = new Set<string>();

  add(...texts: readonly (string | null | undefined)[]): void {
    for (const text of texts) {
      if (!text) continue;
      for (const token of text.split(/\s+/)) if (token) this.seen.add(token);
    }
  }

  get size(): number {
    return this.seen.size;
  }

  values(): string[] {
    return [...this.seen];
  }
}

export interface DeferredTrigger {
  table: string;
  name: string;
}

/** The triggers that add words to the word lists as rows are inserted into `tables`. */
const WORD_FUNCTIONS = [
  "search_terms_from_issues",
  "search_terms_from_issue_comments",
  "search_terms_from_documents",
  "confidential_terms_from_issues",
  "confidential_terms_from_issue_comments",
];

/** Disables the word lists' insert triggers on `tables`; returns them, to enable again. */
export async function disableWordTriggers(
  client: RawClient,
  tables: readonly string[],
): Promise<DeferredTrigger[]> {
  const { rows } = await client.query(
    `select c.relname as "table", g.tgname as name
       from pg_trigger g
       join pg_class c on c.oid = g.tgrelid
       join pg_proc p on p.oid = g.tgfoid
      where not g.tgisinternal
        and c.relname = any($1::text[])
        and p.proname = any($2::text[])
        and (g.tgtype & 4) <> 0 -- fires on INSERT
      order by 1, 2`,
    [tables, WORD_FUNCTIONS],
  );
  const triggers = rows.map((r) => ({ table: String(r.table), name: String(r.name) }));
  for (const t of triggers)
    await client.query(`alter table "${t.table}" disable trigger "${t.name}"`);
  return triggers;
}

export async function enableTriggers(
  client: RawClient,
  triggers: readonly DeferredTrigger[],
): Promise<void> {
  for (const t of triggers)
    await client.query(`alter table "${t.table}" enable trigger "${t.name}"`);
}

/**
 * What the disabled triggers would have added: the words of `publicTokens`
 * (public issues and their comments, documents), and each confidential issue's
 * words and its comments'.
 */
export async function fillWordLists(
  client: RawClient,
  publicTokens: readonly string[],
): Promise<void> {
  const CHUNK = 20_000;
  for (let i = 0; i < publicTokens.length; i += CHUNK) {
    await client.query(
      `insert into search_terms (term)
       select distinct w from unnest($1::text[]) as t(token), search_terms_of(t.token) as w
       on conflict do nothing`,
      [publicTokens.slice(i, i + CHUNK)],
    );
  }
  await client.query(
    `insert into confidential_search_terms (term, issue_id)
     select distinct w, r.id from issues r,
       search_terms_of(r.title || ' ' || r.problem_statement || ' ' || r.desired_outcome) as w
     where r.confidential
     on conflict do nothing`,
  );
  await client.query(
    `insert into confidential_search_terms (term, issue_id)
     select distinct w, r.issue_id from issue_comments r join issues i on i.id = r.issue_id,
       search_terms_of(r.body) as w
     where i.confidential
     on conflict do nothing`,
  );
}
