import { and, eq, type SQL } from "drizzle-orm";
import { roleGrants } from "~/db/schema";
import { holdersOf, type Duty } from "~/server/domain/permissions/policy";

/**
 * The `role_grants` rows whose holders carry a duty, as the policy defines it
 * (`holdersOf`): queries that look for the IOTOPS chairs or an area's directors
 * use this instead of spelling role names.
 */
export function holdingDuty(duty: Duty): SQL {
  const g = holdersOf(duty);
  return and(eq(roleGrants.role, g.role), eq(roleGrants.groupAcronym, g.group))!;
}
