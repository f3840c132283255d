import "server-only";
import { sql } from "drizzle-orm";
import { getDatabase } from "./db";

/** Probe timeout: a check answers quickly even when the database hangs. */
export const PROBE_TIMEOUT_MS = 3_000;

/** `select 1` within PROBE_TIMEOUT_MS, or a rejection. */
export async function probeDatabase(): Promise<void> {
  const { db } = await getDatabase();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`), {
            code: "ETIMEDOUT",
          }),
        ),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([db.execute(sql`select 1`), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
