/**
 * For tests of the domain: the catalog shipped in db/seed/groups.json, read
 * from the file (domain modules do not import the database layer).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { parseGroupCatalog, type GroupCatalog } from "./catalog-file";

export const TEST_CATALOG: GroupCatalog = parseGroupCatalog(
  JSON.parse(readFileSync(path.resolve(process.cwd(), "db/seed/groups.json"), "utf8")),
);
