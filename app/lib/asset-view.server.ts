import type { AssetState } from "../../domain/states";
import { DECISIONS, type Decision, mayTakeIn } from "../../domain/decisions";
import { eventsAcceptedIn } from "../../workflows/asset-machine";
import type { User } from "../../storage/users";

/** Decisions to offer this user now; the workflow still re-checks each one when it is sent. */
export function availableDecisions(state: string, user: User): Decision[] {
  const accepted = eventsAcceptedIn(state as AssetState);
  return DECISIONS.filter((d) => accepted.includes(d) && mayTakeIn(user.roles, d, state as AssetState));
}

export function canEdit(state: string, user: User): boolean {
  return (
    mayTakeIn(user.roles, "EDIT", state as AssetState) &&
    eventsAcceptedIn(state as AssetState).includes("EDIT")
  );
}
