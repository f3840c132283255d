export { CHARTER_ITEMS, CHARTER_ITEM_IDS, isCharterItemId } from "./charter-items";
export type { CharterItem, CharterItemId } from "./charter-items";
export {
  GROUP_STATES,
  GROUP_STATE_LABELS,
  GROUP_TYPES,
  GROUP_TYPE_LABELS,
  groupDatatrackerUrl,
  isConcluded,
  isGroupState,
  isGroupType,
  takesNewWork,
} from "./group";
export type { GroupProfile, GroupState, GroupType } from "./group";
export { parseGroupCatalog } from "./catalog-file";
export type { Area, GroupCatalog } from "./catalog-file";
