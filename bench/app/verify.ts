/**
 * After the load: every mutation that was acknowledged (2xx) is in the database
 * exactly once, nothing that was refused left a trace, and nothing is doubled.
 * Requests without a response (timeouts) may have committed or not, but at most
 * once.
 */
import type { RawClient } from "./bulk";
import type { LoadResult } from "./load-types";

export interface OnceCheck {
  scenario: string;
  acknowledged: number;
  found: number;
  lost: string[];
  doubled: string[];
  unexpected: string[];
  ok: boolean;
}

function summarise(scenario: string, result: LoadResult, counts: Map<string, number>): OnceCheck {
  const okTags = new Set<string>();
  const refused = new Set<string>();
  for (const o of result.outcomes) {
    if (o.status >= 200 && o.status < 300) okTags.add(o.tag);
    else refused.add(o.tag);
  }
  const unanswered = new Set(result.unanswered);
  const lost = [...okTags].filter((t) => (counts.get(t) ?? 0) === 0);
  const doubled = [...counts].filter(([, n]) => n > 1).map(([t]) => t);
  const unexpected = [...counts.keys()].filter(
    (t) => !okTags.has(t) && !(unanswered.has(t) && !refused.has(t)),
  );
  let found = 0;
  for (const n of counts.values()) found += n;
  return {
    scenario,
    acknowledged: okTags.size,
    found,
    lost,
    doubled,
    unexpected,
    ok:
      lost.length === 0 &&
      doubled.length === 0 &&
      unexpected.length === 0 &&
      okTags.size === result.ok,
  };
}

/** Issues filed under `marker`: one row (and one `filed` event) per acknowledged title. */
export async function checkFiled(
  client: RawClient,
  marker: string,
  result: LoadResult,
): Promise<OnceCheck> {
  const { rows } = await client.query(
    `select i.title, count(distinct i.id)::int as n, count(e.id)::int as events
       from issues i
       left join events e on e.subject_type = 'issue' and e.subject_key = i.id::text and e.type = 'filed'
      where i.title like $1
      group by i.title`,
    [`%[${marker}-%`],
  );
  const counts = new Map<string, number>();
  for (const r of rows) {
    const title = String(r.title);
    // An issue without its filed event, or with two, counts as doubled.
    const n = Number(r.n);
    counts.set(title, Number(r.events) === n ? n : Math.max(2, n));
  }
  return summarise("file", result, counts);
}

/** start-discussion transitions: one discussion-started event per acknowledged issue. */
export async function checkTransitions(
  client: RawClient,
  issueIds: readonly number[],
  result: LoadResult,
): Promise<OnceCheck> {
  const keys = issueIds.map(String);
  const { rows } = await client.query(
    `select subject_key, count(*)::int as n
       from events
      where subject_type = 'issue' and type = 'discussion-started' and subject_key = any($1::text[])
      group by subject_key`,
    [keys],
  );
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(String(r.subject_key), Number(r.n));
  // The seed's own history may hold an earlier discussion for an issue that was
  // returned to `submitted`; the targets were taken from `submitted` issues with
  // no such event, so any event here is from the load.
  return summarise("transition", result, counts);
}
