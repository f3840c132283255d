import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "~/db/client";
import { documents, groups, issues } from "~/db/schema";
import type { MaybeActor } from "~/server/domain/permissions/actor";
import { exactReference } from "~/server/domain/search/query";
import { visibleIssues } from "../issues/access";

/** The page a query names exactly: where to go, and what it is. */
export interface ExactMatch {
  href: string;
  label: string;
}

/**
 * The one page a query names exactly (`#42`, `RFC 8995`, a draft name, a group
 * acronym), if it exists and the reader may see it. A confidential issue the
 * reader may not see is no match, so the jump reveals nothing about it.
 */
export async function findExactMatch(
  db: Queryable,
  actor: MaybeActor,
  q: string,
): Promise<ExactMatch | null> {
  const ref = exactReference(q);
  if (!ref) return null;
  switch (ref.kind) {
    case "issue": {
      const [row] = await db
        .select({ id: issues.id, title: issues.title })
        .from(issues)
        .where(and(eq(issues.id, ref.id), visibleIssues(actor)));
      return row ? { href: `/issues/${row.id}`, label: `Issue #${row.id}: ${row.title}` } : null;
    }
    case "document": {
      const [row] = await db
        .select({ name: documents.name, title: documents.title })
        .from(documents)
        .where(inArray(documents.name, ref.names))
        .orderBy(desc(sql`length(${documents.name})`))
        .limit(1);
      return row ? { href: `/documents/${row.name}`, label: `${row.name}: ${row.title}` } : null;
    }
    case "group": {
      const [row] = await db
        .select({ acronym: groups.acronym, name: groups.name })
        .from(groups)
        .where(eq(groups.acronym, ref.acronym));
      return row
        ? { href: `/groups/${row.acronym}`, label: `${row.acronym.toUpperCase()}: ${row.name}` }
        : null;
    }
  }
}
