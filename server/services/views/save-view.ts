import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client";
import { savedViews } from "~/db/schema";
import { DomainError } from "~/server/domain/errors";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { assertCan, NO_RESOURCE } from "~/server/domain/permissions/policy";
import { MAX_VIEWS_PER_PAGE } from "~/server/domain/search/views";
import { recordEvent } from "../events";
import { checkViewFilters, ZViewName, ZViewPage } from "./view-filters";

export const ZSaveView = z.object({
  page: ZViewPage,
  name: ZViewName,
  /**
   * The filters as the page passed them to the list. Checked against the list's
   * own schema (strict: an unknown or odd key such as `__proto__` is refused).
   */
  filters: z.unknown(),
});

/** Save the current filters of the issue list or triage queue as a named, private view. */
export async function saveView(db: Db, actor: MaybeActor, input: z.input<typeof ZSaveView>) {
  const { page, name, filters } = ZSaveView.parse(input);
  const capacity = assertCan(actor, "view.save", NO_RESOURCE);
  const me = actor!.personId;
  const checked = await checkViewFilters(db, filters);
  if (!checked.ok) {
    throw new DomainError("VALIDATION", `These filters cannot be saved: ${checked.problem}`, {
      fieldErrors: { filters: [checked.problem] },
    });
  }
  return db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(savedViews)
      .where(and(eq(savedViews.ownerId, me), eq(savedViews.page, page)));
    if (n >= MAX_VIEWS_PER_PAGE) {
      throw new DomainError(
        "VALIDATION",
        `You can keep up to ${MAX_VIEWS_PER_PAGE} views here; delete one first.`,
      );
    }
    const [row] = await tx
      .insert(savedViews)
      .values({ ownerId: me, page, name, filters: checked.filters })
      .returning({ id: savedViews.id });
    await recordEvent(tx, {
      subjectType: "view",
      subjectKey: row!.id,
      type: "view-saved",
      actorId: me,
      actorCapacity: capacity,
      payload: { page, name },
    });
    return { id: row!.id };
  });
}
