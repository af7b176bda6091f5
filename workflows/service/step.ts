import type { AssetEventType } from "../../domain/decisions";
import type { AssetState } from "../../domain/states";
import { WorkflowError } from "../../domain/workflow-error";
import type { AssetRecord } from "../../storage/assets";
import { type AssetEvent, eventsAcceptedIn } from "../asset-machine";
import {
  nextAssetSnapshot,
  type PersistedAssetSnapshot,
  persistAssetSnapshot,
  restoreAssetSnapshot,
} from "../snapshot";

/** A transition the machine allowed: the states on either side and the snapshot to persist. */
export interface Step extends PersistedAssetSnapshot {
  from: AssetState;
  to: AssetState;
}

/**
 * Decisions that move a version on towards print, which its authors (who created or edited it) may
 * not take. The submitter and forwarder rules are the machine's own guards (notSubmitter, notForwarder).
 */
const AUTHOR_BARRED: Partial<Record<AssetEventType, { vi: string }>> = {
  FORWARD: {
    vi: "Bạn đã soạn hoặc chỉnh sửa phiên bản này nên không được tự chuyển lãnh đạo phê duyệt; cần một cán bộ khác của Phòng Văn hóa - Xã hội.",
  },
  APPROVE: {
    vi: "Bạn đã soạn hoặc chỉnh sửa phiên bản này nên không được tự phê duyệt; cần một lãnh đạo khác phê duyệt.",
  },
};

/** Whether step() needs the version's authors for this event (so the caller only reads them then). */
export function barsAuthors(type: AssetEventType): boolean {
  return AUTHOR_BARRED[type] !== undefined;
}

/**
 * Restores the persisted snapshot (validated: SNAPSHOT_UNKNOWN for one this machine does not know),
 * checks the event is allowed, and returns the next snapshot. No actor is started: a bad row fails
 * this call and nothing else. `authors` are the users who wrote the version being decided.
 * Errors: INVALID_TRANSITION (the state takes no such event), FORBIDDEN (it does, but not from this
 * actor), SEPARATION_OF_DUTIES (details.rule "submitter", "forwarder" or "author").
 */
export function step(asset: AssetRecord, event: AssetEvent, authors: readonly string[] = []): Step {
  const snapshot = restoreAssetSnapshot(
    {
      snapshotJson: asset.snapshotJson,
      machineId: asset.machineId,
      machineVersion: asset.machineVersion,
      state: asset.state,
    },
    asset.id,
  );
  const from = snapshot.value as AssetState;
  const me = event.actor.userId;
  if (!snapshot.can(event)) {
    const reacts = eventsAcceptedIn(from).includes(event.type);
    const ctx = snapshot.context;
    // Only someone who may otherwise act here is refused for acting on their own work.
    const ownWork =
      me != null &&
      ((event.type === "FORWARD" && event.actor.roles.includes("office") && ctx.submittedBy === me) ||
        (event.type === "APPROVE" &&
          event.actor.roles.includes("approver") &&
          (ctx.submittedBy === me || ctx.forwardedBy === me)));
    if (reacts && ownWork) {
      throw new WorkflowError("SEPARATION_OF_DUTIES", `${event.type} on own work refused`, {
        state: from,
        event: event.type,
        rule: ctx.submittedBy === me ? "submitter" : "forwarder",
      });
    }
    throw new WorkflowError(
      reacts ? "FORBIDDEN" : "INVALID_TRANSITION",
      `${event.type} not allowed in ${from}`,
      {
        state: from,
        event: event.type,
      },
    );
  }
  // The machine allows it (role, version, submitter, forwarder): now the authors of the version.
  const barred = AUTHOR_BARRED[event.type];
  if (barred && me != null && authors.includes(me)) {
    throw new WorkflowError(
      "SEPARATION_OF_DUTIES",
      `${event.type} by an author of the version refused`,
      { state: from, event: event.type, rule: "author" },
      barred.vi,
    );
  }
  const next = nextAssetSnapshot(snapshot, event);
  return { from, to: next.value as AssetState, ...persistAssetSnapshot(next) };
}
