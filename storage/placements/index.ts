// The plan's register of places where banners hang and screens show (issue 13 §1): what the rest
// of the house imports from "storage/placements". Office and admin keep it; orders and
// installations name its rows.

export { type Actor, actsAs, heldRoles } from "./actor";
export { isPlacementError, PlacementError, type PlacementErrorCode } from "./errors";
export {
  getPlacement,
  listPlacements,
  type PlacementFilter,
  placementFits,
  type PlacementRecord,
} from "./records";
export {
  type CleanPlacement,
  fieldText,
  PLACEMENT_LIMITS,
  type PlacementInput,
  parsePlacementInput,
} from "./validate";
export { createPlacement, setPlacementActive, updatePlacement } from "./write";
