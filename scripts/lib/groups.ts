/** Group catalogs for the command-line tools: the built-in seed or a file. */
import { readFile } from "node:fs/promises";
import path from "node:path";

import { SEED_CATALOG } from "~/db/seed/group-catalog";
import { parseGroupCatalog, type GroupProfile } from "~/server/domain/catalog";

/**
 * The groups of a catalog file shaped like ../shared/data/ietf-groups.json (or
 * db/seed/groups.json), or the built-in seed when `file` is undefined. A
 * missing or malformed file is a fatal error with the file name.
 */
export async function loadGroups(file: string | undefined): Promise<readonly GroupProfile[]> {
  if (!file) return SEED_CATALOG.groups;
  const full = path.resolve(process.cwd(), file);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(full, "utf8"));
  } catch (e) {
    throw new Error(`${full}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return parseGroupCatalog(json).groups;
  } catch (e) {
    throw new Error(`${full}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The IoT catalog inside a catalog: the groups that carry IOTOPS charter items. */
export function iotCatalog(groups: readonly GroupProfile[]): GroupProfile[] {
  return groups.filter((g) => g.charterItems.length > 0);
}
