import { parseGroupCatalog, type GroupCatalog } from "~/server/domain/catalog";
import data from "./groups.json";

/**
 * The group catalog shipped with the application (db/seed/groups.json, built by
 * scripts/build-group-seed.ts): every active IETF WG and IRTF RG plus the
 * concluded IoT groups. It seeds the database; the running application reads
 * groups from the database only.
 */
export const SEED_CATALOG: GroupCatalog = parseGroupCatalog(data);
