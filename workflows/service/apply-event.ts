import { type AssetEventType, actingRole } from "../../domain/decisions";
import type { Reason } from "../../domain/reasons";
import { type Role, SYSTEM_ROLE } from "../../domain/roles";
import type { AssetState } from "../../domain/states";
import { WorkflowError } from "../../domain/workflow-error";
import { versionAuthors } from "../../storage/assets";
import { appendAudit } from "../../storage/audit";
import type { DbHandle } from "../../storage/db/connection";
import { immediate } from "../../storage/db/sync";
import type { AssetEvent, WorkflowActor } from "../asset-machine";
import { resolveActor } from "./actor";
import { currentVersionOrThrow, loadAsset } from "./load";
import { refuseFailedPreflight } from "./preflight";
import { enqueueSideEffects } from "./side-effects";
import { barsAuthors, step } from "./step";
import { validateEvent } from "./validate";
import { writeStep } from "./write-step";

export interface ApplyEventInput {
  assetId: string;
  event: {
    type: Exclude<AssetEventType, "EDIT">;
    /** From the session. Claimed roles are only ever narrowed: the database decides what a user holds. */
    actor: { userId: string; roles?: Role[] };
    reason?: Reason;
    comment?: string;
  };
  /** content_hash of the version the user was looking at when deciding. */
  versionHash: string;
  /** row_version the user's page was rendered from; a different value means someone acted first. */
  expectedRowVersion?: number;
  now?: Date;
}

export interface ApplyResult {
  assetId: string;
  code: string;
  fromState: AssetState;
  toState: AssetState;
  /** The asset's row_version after this decision. */
  rowVersion: number;
  auditId: number;
  /** Outbox rows written by this decision: publish/unpublish, then notify. */
  outboxIds: number[];
}

/**
 * Trusted entry: the actor's roles are taken as given. For the publisher (system actor) and for
 * tests; request handlers must use applyAssetEvent, which reads roles from the database.
 * One BEGIN IMMEDIATE transaction writes snapshot, row_version, audit and outbox, or nothing.
 * Errors: those of validateEvent; NOT_FOUND, CONFLICT (row_version), STALE_VERSION (details
 * {expected, got}: the decision was made on an older version), PREFLIGHT_FAILED (SUBMIT, FORWARD,
 * APPROVE on a version whose preflight found errors), and step()'s INVALID_TRANSITION, FORBIDDEN,
 * SEPARATION_OF_DUTIES, SNAPSHOT_UNKNOWN.
 */
export function applyAssetEventAs(
  handle: DbHandle,
  input: Omit<ApplyEventInput, "event"> & {
    event: Omit<ApplyEventInput["event"], "actor">;
  },
  actor: WorkflowActor,
): ApplyResult {
  const { reason, comment } = validateEvent(input.event);
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return immediate(handle.conn, () => {
    const asset = loadAsset(handle, input.assetId, input.expectedRowVersion);
    const version = currentVersionOrThrow(asset);
    if (input.versionHash !== version.hash) {
      throw new WorkflowError("STALE_VERSION", "decision made on an older version", {
        expected: version.hash,
        got: input.versionHash,
      });
    }
    refuseFailedPreflight(handle, version.id, input.event.type);
    const event = {
      type: input.event.type,
      actor,
      versionHash: input.versionHash,
      ...(comment ? { comment } : {}),
      ...(reason ? { reason } : {}),
    } as AssetEvent;
    const authors = barsAuthors(input.event.type) ? versionAuthors(handle, version.id) : [];
    const s = step(asset, event, authors);
    const rowVersion = writeStep(handle, asset, s, at);
    const audit = appendAudit(handle, {
      assetId: asset.id,
      versionId: version.id,
      actorUserId: actor.userId,
      actorRole: actingRole(input.event.type, s.from),
      action: input.event.type,
      fromState: s.from,
      toState: s.to,
      reasonCode: reason?.code ?? null,
      reasonText: reason?.text || null,
      comment: comment ?? null,
      versionHash: version.hash,
      at,
    });
    const outboxIds = enqueueSideEffects(
      handle,
      asset,
      s,
      input.event.type,
      audit.id,
      version.id,
      version.hash,
      now,
    );
    return {
      assetId: asset.id,
      code: asset.code,
      fromState: s.from,
      toState: s.to,
      rowVersion,
      auditId: audit.id,
      outboxIds,
    };
  });
}

/**
 * Applies a user's decision (SUBMIT, FORWARD, RETURN, APPROVE, REJECT, WITHDRAW, REVOKE) with the
 * roles the database gives the user, read in the same transaction as the decision. Result and
 * errors as applyAssetEventAs, plus FORBIDDEN for an unknown or inactive user.
 */
export function applyAssetEvent(handle: DbHandle, input: ApplyEventInput): ApplyResult {
  // Refuse bad input before taking the write lock.
  validateEvent(input.event);
  return immediate(handle.conn, () => {
    const actor = resolveActor(handle, input.event.actor);
    return applyAssetEventAs(handle, input, actor);
  });
}

/**
 * Called by the publisher once the approved PDF is verifiably in the object store: PUBLISHED by
 * the system actor, bound to `versionHash`. Result and errors as applyAssetEventAs.
 */
export function markPublished(
  handle: DbHandle,
  input: { assetId: string; versionHash: string; comment?: string; now?: Date },
): ApplyResult {
  return applyAssetEventAs(
    handle,
    {
      assetId: input.assetId,
      versionHash: input.versionHash,
      event: { type: "PUBLISHED", comment: input.comment },
      now: input.now,
    },
    { userId: null, roles: [SYSTEM_ROLE] },
  );
}
