import "server-only";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { createContext } from "~/server/api/context";
import { createCaller } from "~/server/api/root";
import { retryAfterOf } from "~/server/api/errors";
import { summariseIssues } from "~/server/domain/validation";
import type { Download } from "~/server/services/exports/download";

type Caller = ReturnType<typeof createCaller>;

/** A query string as (key, value) pairs, in order, for the export routers. */
export function queryPairs(req: Request): [string, string][] {
  return [...new URL(req.url).searchParams.entries()];
}

/** A plain-text error response (4xx, or 503 when the database is down). */
function problem(status: number, message: string, extra: Record<string, string> = {}) {
  return new Response(`${message}\n`, {
    status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      ...extra,
    },
  });
}

/**
 * For the download routes under `app/exports`: the same context, actor and
 * routers as tRPC, so the same policy. The file is sent as an attachment and
 * never cached by shared caches (what it holds depends on who asks). Refusals
 * keep their HTTP meaning (400 malformed, 401 sign in, 403, 404, 409); only
 * the unexpected is a 500.
 */
export async function downloadRoute(read: (api: Caller) => Promise<Download>): Promise<Response> {
  let file: Download;
  try {
    file = await read(createCaller(await createContext()));
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    const status = getHTTPStatusCodeFromError(e);
    if (status >= 500 && e.code !== "SERVICE_UNAVAILABLE") throw e;
    const message = e.cause instanceof ZodError ? summariseIssues(e.cause) : e.message;
    const retry = retryAfterOf(e);
    return problem(status, message, retry ? { "retry-after": String(retry) } : {});
  }
  return new Response(typeof file.body === "string" ? file.body : streamOf(file.body), {
    headers: {
      "content-type": `${file.contentType}; charset=utf-8`,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      ...(file.truncated ? { "x-export-truncated": "true" } : {}),
    },
  });
}

/**
 * A file's parts as a response body, each read when the client is ready for it
 * (back-pressure: a slow reader holds one part, not the file). A failure once the
 * file has started cannot change the status any more: the transfer is cut short,
 * so the client sees an incomplete download rather than a complete-looking file.
 */
function streamOf(parts: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const it = parts[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await it.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (e) {
          console.error("[exports] a download failed while it was being written:", e);
          controller.error(e);
        }
      },
      async cancel() {
        await it.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

/** The routers as the requester, for route handlers that are not downloads. */
export async function routeCaller(): Promise<Caller> {
  return createCaller(await createContext());
}

/** A refusal from the routers as a plain-text response, or null for the unexpected. */
export function refusalOf(e: unknown): Response | null {
  if (!(e instanceof TRPCError)) return null;
  const status = getHTTPStatusCodeFromError(e);
  if (status >= 500) return null;
  return problem(status, e.cause instanceof ZodError ? summariseIssues(e.cause) : e.message);
}
