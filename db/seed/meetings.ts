import type { Queryable } from "../client";
import { meetings } from "../schema";

/** IETF 109, where IOTOPS met (held online; it had been planned for Bangkok). */
export const IETF_109 = {
  number: 109,
  venue: "Online",
  timeZone: "Asia/Bangkok",
  startDate: "2020-11-16",
  endDate: "2020-11-20",
};

export async function seedMeetings(db: Queryable): Promise<void> {
  await db.insert(meetings).values(IETF_109).onConflictDoNothing();
}

/** An upcoming meeting relative to today, so the demo shows live deadlines. */
export function upcomingDemoMeeting(today = new Date()) {
  const start = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 30),
  );
  // Start on the Saturday on or after that day, as IETF meetings do.
  start.setUTCDate(start.getUTCDate() + ((6 - start.getUTCDay() + 7) % 7));
  const end = new Date(start.getTime() + 6 * 86_400_000);
  return {
    number: 999,
    venue: "Demo City",
    timeZone: "UTC",
    startDate: start.toISOString().slice(0, 10),
    endDate: end.toISOString().slice(0, 10),
  };
}
