import { ASSET_STATES, type AssetState } from "../domain/states";
import { REASON_CODES } from "../domain/reasons";
import { initialTransition, type SnapshotFrom, transition } from "xstate";
import { z } from "zod";
import {
  ASSET_MACHINE_ID,
  ASSET_MACHINE_VERSION,
  type AssetEvent,
  type AssetMachine,
  assetMachine,
} from "./asset-machine";
import { WorkflowError } from "../domain/workflow-error";

// The only door between a stored snapshot (assets.snapshot_json + machine_id + machine_version)
// and the machine. Nothing here starts an actor: a restored snapshot is validated first and then
// built with machine.resolveState, and the next one comes from xstate's pure transition(). An
// actor restored from a bad snapshot does not throw where it is created: it reports the error
// later, from a timer, as an uncaught exception that ends the process (issue 11, A1).

export type AssetSnapshot = SnapshotFrom<AssetMachine>;

/** A snapshot as the assets row keeps it. */
export interface StoredAssetSnapshot {
  snapshotJson: string;
  /** NULL on rows written before migration 004: version 1 of the "asset" machine. */
  machineId: string | null;
  machineVersion: number | null;
  /** The row's state column, written together with the snapshot: the two must agree. */
  state?: string;
}

/** What the service writes back: always stamped with the current machine id and version. */
export interface PersistedAssetSnapshot {
  snapshotJson: string;
  machineId: string;
  machineVersion: number;
}

/** A persisted snapshot as plain JSON, before validation. */
export type RawSnapshot = Record<string, unknown>;
export type SnapshotUpgrade = (raw: RawSnapshot) => RawSnapshot;

/**
 * `SNAPSHOT_UPGRADES[n]` turns a snapshot written by machine version n into one of version n + 1
 * (rename a state, fill a new context field). Empty while version 1 is the only version there is.
 */
export const SNAPSHOT_UPGRADES: Readonly<Record<number, SnapshotUpgrade>> = {};

export type SnapshotRefusal =
  | "machine_id"
  | "machine_version"
  | "json"
  | "status"
  | "state"
  | "context"
  | "children"
  | "state_mismatch";

function refuse(reason: SnapshotRefusal, stored: Partial<StoredAssetSnapshot>, extra: object = {}) {
  return new WorkflowError("SNAPSHOT_UNKNOWN", `stored workflow snapshot refused: ${reason}`, {
    reason,
    machineId: stored.machineId ?? null,
    machineVersion: stored.machineVersion ?? null,
    ...extra,
  });
}

// Version 1 has been written in two shapes: before separation of duties (commit 33d85cb) its context
// had no submittedBy/forwardedBy. The machine always read a missing one as "nobody recorded", so
// they default to null here; every other field the machine reads must be there.
const contextSchema = z.object({
  currentVersionHash: z.string().min(1),
  approvedVersionHash: z.string().min(1).nullable(),
  lastReason: z.object({ code: z.enum(REASON_CODES), text: z.string() }).nullable(),
  submittedBy: z.string().min(1).nullable().default(null),
  forwardedBy: z.string().min(1).nullable().default(null),
});

const isFinal = (state: AssetState) => assetMachine.states[state]?.type === "final";

/**
 * Applies the upgrades from `fromVersion` up to `toVersion`; refuses (SNAPSHOT_UNKNOWN) a version
 * outside 1…toVersion or one with no upgrade. `upgrades` and `toVersion` are parameters for tests.
 */
export function upgradeSnapshot(
  raw: RawSnapshot,
  fromVersion: number,
  upgrades: Readonly<Record<number, SnapshotUpgrade>> = SNAPSHOT_UPGRADES,
  toVersion: number = ASSET_MACHINE_VERSION,
): RawSnapshot {
  const where = { machineId: ASSET_MACHINE_ID, machineVersion: fromVersion };
  if (!Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion > toVersion) {
    throw refuse("machine_version", where, { knownVersion: toVersion });
  }
  let out = raw;
  for (let v = fromVersion; v < toVersion; v++) {
    const up = upgrades[v];
    if (!up) throw refuse("machine_version", where, { knownVersion: toVersion, missingUpgrade: v });
    out = up(out);
  }
  return out;
}

/**
 * Validates a stored snapshot and rebuilds it as a machine snapshot, or refuses it with
 * WorkflowError SNAPSHOT_UNKNOWN (details.reason says why). Pure: nothing is started or scheduled,
 * so a bad row fails this one call and nothing else.
 */
export function restoreAssetSnapshot(stored: StoredAssetSnapshot, assetId?: string): AssetSnapshot {
  const where = assetId ? { assetId } : {};
  const machineId = stored.machineId ?? ASSET_MACHINE_ID;
  if (machineId !== ASSET_MACHINE_ID) throw refuse("machine_id", stored, where);
  let raw: unknown;
  try {
    raw = JSON.parse(stored.snapshotJson);
  } catch {
    throw refuse("json", stored, where);
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw refuse("json", stored, where);
  let upgraded: RawSnapshot;
  try {
    upgraded = upgradeSnapshot(raw as RawSnapshot, stored.machineVersion ?? 1);
  } catch (e) {
    if (e instanceof WorkflowError) throw refuse("machine_version", stored, { ...where, ...e.details });
    throw refuse("machine_version", stored, where);
  }
  const value = upgraded.value;
  if (typeof value !== "string" || !(ASSET_STATES as readonly string[]).includes(value)) {
    throw refuse("state", stored, { ...where, value: typeof value === "string" ? value : null });
  }
  const state = value as AssetState;
  if (upgraded.status !== (isFinal(state) ? "done" : "active")) {
    throw refuse("status", stored, { ...where, value: state, status: upgraded.status ?? null });
  }
  const children = upgraded.children ?? {};
  if (typeof children !== "object" || children === null || Object.keys(children).length > 0) {
    throw refuse("children", stored, where);
  }
  const context = contextSchema.safeParse(upgraded.context);
  if (!context.success) {
    throw refuse("context", stored, {
      ...where,
      fields: context.error.issues.map((i) => i.path.join(".")),
    });
  }
  if (stored.state !== undefined && stored.state !== state) {
    throw refuse("state_mismatch", stored, { ...where, value: state, column: stored.state });
  }
  return assetMachine.resolveState({ value: state, context: context.data });
}

/** The snapshot of a new asset in draft, bound to its first version. */
export function initialAssetSnapshot(versionHash: string): AssetSnapshot {
  const [snapshot] = initialTransition(assetMachine, { versionHash });
  return snapshot;
}

/** The snapshot after `event`; the caller has checked `snapshot.can(event)`. */
export function nextAssetSnapshot(snapshot: AssetSnapshot, event: AssetEvent): AssetSnapshot {
  const [next] = transition(assetMachine, snapshot, event);
  return next;
}

export function persistAssetSnapshot(snapshot: AssetSnapshot): PersistedAssetSnapshot {
  return {
    snapshotJson: JSON.stringify(assetMachine.getPersistedSnapshot(snapshot)),
    machineId: ASSET_MACHINE_ID,
    machineVersion: ASSET_MACHINE_VERSION,
  };
}

/**
 * The hash the machine recorded at APPROVE (null before approval): the publisher may upload exactly
 * this file and no other. Throws SNAPSHOT_UNKNOWN, as every restore does, for a row it cannot trust.
 */
export function approvedVersionHash(stored: StoredAssetSnapshot, assetId?: string): string | null {
  return restoreAssetSnapshot(stored, assetId).context.approvedVersionHash;
}
