/**
 * Is this error the database being out of reach (stopped, restarting, dropped,
 * network gone), as opposed to a bug or a bad query? Such failures are answered
 * with 503 "temporarily unavailable, nothing was saved": a transaction that could
 * not reach the database or lost its connection before COMMIT was rolled back.
 */

/** SQLSTATEs that mean "the server is not serving you right now". */
const UNAVAILABLE_SQLSTATES = new Set([
  "57P01", // admin_shutdown (terminated by the administrator, server shutting down)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down, in recovery)
  "08000", // connection_exception
  "08001", // sqlclient_unable_to_establish_sqlconnection
  "08003", // connection_does_not_exist
  "08004", // sqlserver_rejected_establishment_of_sqlconnection
  "08006", // connection_failure
  "53300", // too_many_connections
  "3D000", // invalid_catalog_name: the database does not exist (dropped, renamed)
]);

/** Node socket errors on the way to the database. */
const UNAVAILABLE_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Messages node-postgres uses for a connection that ended or never started. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /connection (?:was )?(?:closed|ended)/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /timeout exceeded when trying to connect/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
];

function fields(e: unknown): { code?: unknown; message?: unknown; cause?: unknown } | null {
  return typeof e === "object" && e !== null ? (e as Record<string, unknown>) : null;
}

/** Does `err`, one of its causes, or one of an AggregateError's errors match? */
function anyCause(
  err: unknown,
  match: (e: { code?: unknown; message?: unknown }) => boolean,
  depth = 0,
): boolean {
  const e = fields(err);
  if (!e || depth > 5) return false;
  if (match(e)) return true;
  // AggregateError (several addresses refused) and wrapped causes (Drizzle, tRPC).
  const errors = (err as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.some((x) => anyCause(x, match, depth + 1))) return true;
  return e.cause !== undefined && e.cause !== err && anyCause(e.cause, match, depth + 1);
}

export function isDatabaseUnavailable(err: unknown): boolean {
  return anyCause(
    err,
    (e) =>
      (typeof e.code === "string" &&
        (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_ERRNOS.has(e.code))) ||
      (typeof e.message === "string" &&
        UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))),
  );
}

/**
 * Has the database run out of disk space (SQLSTATE 53100 disk_full, or the
 * embedded database's file system answering ENOSPC)? The write was rolled back;
 * reads still work, so this is not an outage, but the user is told plainly.
 */
export function isStorageFull(err: unknown): boolean {
  return anyCause(
    err,
    (e) =>
      e.code === "53100" ||
      e.code === "ENOSPC" ||
      (typeof e.message === "string" && /no space left on device/i.test(e.message)),
  );
}
