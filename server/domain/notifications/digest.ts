/**
 * The daily digest: one message per person per period that gathers the
 * notifications they chose to receive in a digest, grouped by the item they
 * concern. Pure: the worker in server/services/notifications builds and stores it.
 */

/** One queued notification. */
export interface DigestItem {
  /** What happened, in the words of the notification's subject. */
  subject: string;
  /** The page the item concerns, e.g. `/issues/12`. */
  path: string;
  createdAt: Date;
}

export interface DigestGroup {
  path: string;
  /** Its lines, oldest first. */
  lines: string[];
}

export const DAY_MINUTES = 24 * 60;

/**
 * The period a digest built at `now` closes: the last complete one. Periods are
 * aligned to UTC midnight for the daily digest (any divisor of a day keeps that).
 */
export function closedPeriod(now: Date, periodMinutes: number): { start: Date; end: Date } {
  const ms = periodMinutes * 60_000;
  const end = Math.floor(now.getTime() / ms) * ms;
  return { start: new Date(end - ms), end: new Date(end) };
}

/** Items grouped by the page they concern, groups ordered by their first item. */
export function groupDigest(items: readonly DigestItem[]): DigestGroup[] {
  const sorted = [...items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const groups = new Map<string, DigestGroup>();
  for (const i of sorted) {
    const g = groups.get(i.path) ?? { path: i.path, lines: [] };
    g.lines.push(i.subject);
    groups.set(i.path, g);
  }
  return [...groups.values()];
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export function digestSubject(items: readonly DigestItem[], periodStart: Date): string {
  const day = periodStart.toISOString().slice(0, 10);
  const groups = groupDigest(items).length;
  return `Your IOTOPS Dispatch digest for ${day}: ${plural(items.length, "update")} on ${plural(groups, "item")}`;
}

export function digestText(items: readonly DigestItem[], baseUrl: string): string {
  const base = baseUrl.replace(/\/$/, "");
  const parts = groupDigest(items).map(
    (g) => `${g.lines.map((l) => `- ${l}`).join("\n")}\n  ${base}${g.path}`,
  );
  return `${parts.join("\n\n")}\n\nWhat waits for you: ${base}/\n\n--\nYou receive this digest because you chose it for some kinds of notification.\nChange how you are notified: ${base}/settings\n`;
}
