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

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  const e = fields(err);
  if (!e || depth > 5) return false;
  if (typeof e.code === "string") {
    if (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_ERRNOS.has(e.code)) return true;
  }
  if (
    typeof e.message === "string" &&
    UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))
  )
    return true;
  // AggregateError (several addresses refused) and wrapped causes (Drizzle, tRPC).
  const errors = (err as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return e.cause !== undefined && e.cause !== err && isDatabaseUnavailable(e.cause, depth + 1);
}
