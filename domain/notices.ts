// Who hears of each state change (DESIGN.md "Workflow"). A domain rule, not a delivery detail: the
// workflow writes it into the outbox and the notifier only carries it out.

import type { Role } from "./roles";
import type { AssetState } from "./states";

/** Who hears of a change: everyone holding one of `roles`, and the asset's creator if `creator`. */
export interface Notice {
  roles: Role[];
  creator: boolean;
}

/**
 * Keyed by the state the asset enters. `draft` has no entry: only an edit leads there, and the
 * drafter who made it needs no telling.
 */
export const NOTIFY: Readonly<Partial<Record<AssetState, Notice>>> = {
  office_review: { roles: ["office"], creator: false },
  awaiting_approval: { roles: ["approver"], creator: true },
  returned: { roles: [], creator: true },
  approved: { roles: [], creator: true },
  rejected: { roles: [], creator: true },
  withdrawn: { roles: ["office"], creator: false },
  published: { roles: ["printer"], creator: true },
  revoked: { roles: ["printer", "office"], creator: true },
};

/**
 * The notice a move from `from` to `to` sends, or null when nobody is told: a step that stays in
 * its state is no news, and a state missing from NOTIFY has no audience.
 */
export function noticeFor(from: AssetState, to: AssetState): Notice | null {
  if (from === to) return null;
  return NOTIFY[to] ?? null;
}
