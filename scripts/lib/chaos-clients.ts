/**
 * The chaos harness's clients: each drives filing, transitions, comments and
 * document revisions through the real HTTP API, and records the outcome of every
 * write: acknowledged (2xx), refused (4xx: must not be applied) or unknown (no
 * answer, or 5xx: may or may not have been applied, but never half).
 */

export type Outcome = "ack" | "refused" | "unknown";

export interface WriteRecord {
  kind: "file" | "transition" | "comment" | "revision";
  /** The issue title, the comment body, the issue id or the document name. */
  key: string;
  outcome: Outcome;
  /** The HTTP status or the network error. */
  detail: string;
}

export interface Sessions {
  contributor: string;
  chair: string;
  secretariat: string;
}

export interface ClientContext {
  runId: string;
  client: number;
  urls: () => string[];
  sessions: Sessions;
  /** The document this client posts revisions of (its own, so no conflicts). */
  document: string;
  until: number;
  records: WriteRecord[];
}

type Trpc = { ok: boolean; status: number; data?: unknown; error?: string };

async function call(
  url: string,
  proc: string,
  input: unknown,
  cookie: string,
  method: "GET" | "POST",
): Promise<Trpc> {
  const body = JSON.stringify({ json: input });
  try {
    const res = await fetch(
      method === "GET"
        ? `${url}/api/trpc/${proc}?input=${encodeURIComponent(body)}`
        : `${url}/api/trpc/${proc}`,
      {
        method,
        headers: { "content-type": "application/json", cookie },
        body: method === "POST" ? body : undefined,
        signal: AbortSignal.timeout(15_000),
      },
    );
    const text = await res.text();
    let data: unknown;
    try {
      data = (JSON.parse(text) as { result?: { data?: { json?: unknown } } }).result?.data?.json;
    } catch {
      data = undefined;
    }
    return { ok: res.ok, status: res.status, data };
  } catch (e) {
    return { ok: false, status: 0, error: e instanceof Error ? e.message : String(e) };
  }
}

const outcomeOf = (r: Trpc): Outcome =>
  r.ok ? "ack" : r.status >= 400 && r.status < 500 ? "refused" : "unknown";
const detailOf = (r: Trpc) => (r.status ? String(r.status) : (r.error ?? "no answer"));

export async function runClient(ctx: ClientContext): Promise<void> {
  const filed: { id: number; moved: boolean }[] = [];
  let n = 0;
  let docVersion: number | null = null;
  const pickUrl = () => {
    const u = ctx.urls();
    return u[Math.floor(Math.random() * u.length)]!;
  };
  while (Date.now() < ctx.until) {
    // After a failure, back off a little rather than spin against a dead server.
    const last = ctx.records.at(-1);
    if (last && last.outcome !== "ack") await new Promise((r) => setTimeout(r, 250));
    const url = pickUrl();
    const roll = Math.random();
    const tag = `chaos-${ctx.runId}-c${ctx.client}-${n++}`;
    if (roll < 0.35 || filed.length === 0) {
      const title = `Device onboarding stalls under load [${tag}]`;
      const r = await call(
        url,
        "issue.file",
        {
          title,
          problemStatement:
            "Constrained devices that join during a network partition retry without backing off and never complete onboarding; operators need guidance.",
        },
        ctx.sessions.contributor,
        "POST",
      );
      ctx.records.push({ kind: "file", key: title, outcome: outcomeOf(r), detail: detailOf(r) });
      const id = (r.data as { id?: number } | undefined)?.id;
      if (r.ok && typeof id === "number") filed.push({ id, moved: false });
    } else if (roll < 0.55) {
      const target = filed.find((f) => !f.moved);
      if (!target) continue;
      target.moved = true;
      // Version 1: a freshly filed issue; each issue is moved once, by this client only.
      const r = await call(
        url,
        "issue.transition",
        { issueId: target.id, expectedVersion: 1, command: { type: "start-discussion" } },
        ctx.sessions.chair,
        "POST",
      );
      ctx.records.push({
        kind: "transition",
        key: String(target.id),
        outcome: outcomeOf(r),
        detail: detailOf(r),
      });
    } else if (roll < 0.85) {
      const target = filed[Math.floor(Math.random() * filed.length)]!;
      const body = `Seen again in the field (${tag}).`;
      const r = await call(
        url,
        "issue.comment",
        { issueId: target.id, body },
        ctx.sessions.chair,
        "POST",
      );
      ctx.records.push({ kind: "comment", key: body, outcome: outcomeOf(r), detail: detailOf(r) });
    } else {
      if (docVersion === null) {
        const g = await call(
          url,
          "document.get",
          { name: ctx.document },
          ctx.sessions.chair,
          "GET",
        );
        docVersion =
          (g.data as { document?: { version?: number } } | undefined)?.document?.version ?? null;
        if (docVersion === null) continue;
      }
      const r = await call(
        url,
        "document.newRevision",
        { name: ctx.document, expectedVersion: docVersion },
        ctx.sessions.secretariat,
        "POST",
      );
      ctx.records.push({
        kind: "revision",
        key: ctx.document,
        outcome: outcomeOf(r),
        detail: detailOf(r),
      });
      const v = (r.data as { version?: number } | undefined)?.version;
      // After anything but an acknowledgement, read the version again.
      docVersion = r.ok && typeof v === "number" ? v : null;
    }
  }
}
