import { eventsAcceptedIn, type AssetState } from "../../workflows/asset-machine";
import type { User } from "../../storage/users";
import { DECISION_ROLES, DECISIONS, type Decision } from "./decide.server";

/** Decisions to offer this user now; the workflow still re-checks each one when it is sent. */
export function availableDecisions(state: string, user: User): Decision[] {
  const accepted = eventsAcceptedIn(state as AssetState);
  return DECISIONS.filter(
    (d) => accepted.includes(d) && DECISION_ROLES[d].some((r) => user.roles.includes(r)),
  )
    .filter((d) => !(d === "RETURN" && state === "office_review" && !user.roles.includes("office")))
    .filter((d) => !(d === "RETURN" && state === "awaiting_approval" && !user.roles.includes("approver")));
}

export function canEdit(state: string, user: User): boolean {
  return user.roles.includes("drafter") && eventsAcceptedIn(state as AssetState).includes("EDIT");
}
