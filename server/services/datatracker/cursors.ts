import { eq, sql } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { datatrackerSyncCursors } from "~/db/schema";
import type { KeysetPosition } from "~/server/domain/datatracker/cursor";
import type { CursorResource } from "~/server/domain/datatracker/sync-vocabulary";

export interface StoredCursor extends KeysetPosition {
  groupIds: number[];
}

export async function readCursor(
  db: Queryable,
  resource: CursorResource,
): Promise<StoredCursor | null> {
  const [row] = await db
    .select()
    .from(datatrackerSyncCursors)
    .where(eq(datatrackerSyncCursors.resource, resource));
  return row ? { since: row.since, offset: row.offset, groupIds: row.groupIds } : null;
}

/** Store where the next run starts; called in the transaction that applies the page. */
export async function writeCursor(
  db: Queryable,
  resource: CursorResource,
  pos: KeysetPosition,
  groupIds: readonly number[] = [],
): Promise<void> {
  if (pos.since === null) return;
  const values = {
    since: pos.since,
    offset: pos.offset,
    groupIds: [...groupIds],
    updatedAt: sql`now()`,
  };
  await db
    .insert(datatrackerSyncCursors)
    .values({ resource, ...values })
    .onConflictDoUpdate({ target: datatrackerSyncCursors.resource, set: values });
}

export async function deleteCursor(db: Queryable, resource: CursorResource): Promise<void> {
  await db.delete(datatrackerSyncCursors).where(eq(datatrackerSyncCursors.resource, resource));
}
