/**
 * IETF areas (plus the IRTF, which is not an IETF area but is used as the
 * "area" of research groups). Acronyms and names as used by the Datatracker.
 */
export const AREAS = [
  { acronym: "ops", name: "Operations and Management Area" },
  { acronym: "int", name: "Internet Area" },
  { acronym: "sec", name: "Security Area" },
  { acronym: "art", name: "Applications and Real-Time Area" },
  { acronym: "rtg", name: "Routing Area" },
  { acronym: "wit", name: "Web and Internet Transport Area" },
  { acronym: "gen", name: "General Area" },
  { acronym: "irtf", name: "Internet Research Task Force (not an IETF area)" },
] as const;

export type AreaAcronym = (typeof AREAS)[number]["acronym"];

export interface Area {
  readonly acronym: AreaAcronym;
  readonly name: string;
}

const areaByAcronym: ReadonlyMap<string, Area> = new Map(AREAS.map((a) => [a.acronym, a]));

/** Looks an area up by acronym (case-insensitive); `undefined` when unknown. */
export function findArea(acronym: string): Area | undefined {
  return areaByAcronym.get(acronym.trim().toLowerCase());
}
