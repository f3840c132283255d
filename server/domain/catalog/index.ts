export { AREAS, findArea } from "./areas";
export type { Area, AreaAcronym } from "./areas";
export { CHARTER_ITEMS, CHARTER_ITEM_IDS, isCharterItemId } from "./charter-items";
export type { CharterItem, CharterItemId } from "./charter-items";
export { GROUPS, findGroup } from "./groups";
export type { GroupAcronym, GroupProfile, GroupState, GroupType, IotRelevance } from "./groups";
