import type { Role } from "../../domain/roles";
import { WorkflowError } from "../../domain/workflow-error";
import { insertVersion, type RenderedFiles, type StoredPreflight } from "../../storage/assets";
import { appendAudit } from "../../storage/audit";
import type { DbHandle } from "../../storage/db/connection";
import { immediate } from "../../storage/db/sync";
import { resolveActor } from "./actor";
import { checkFiles, versionText } from "./content";
import type { CreatedVersion } from "./create";
import { currentVersionOrThrow, loadAsset } from "./load";
import { checkPreflight } from "./preflight";
import { step } from "./step";
import { normalizeComment } from "./validate";
import { writeStep } from "./write-step";

export interface CreateVersionInput {
  assetId: string;
  actor: { userId: string; roles?: Role[] };
  /** Hash of the version the edit started from; another edit in between makes this one stale. */
  baseVersionHash: string;
  expectedRowVersion?: number;
  text: string;
  subtitle?: string | null;
  options?: Record<string, unknown>;
  files: RenderedFiles;
  /** Preflight report of the render the files came from: stored; errors refuse the edit. */
  preflight?: StoredPreflight | null;
  comment?: string;
  now?: Date;
}

/**
 * EDIT: stores a new version (draft, returned or withdrawn assets only), makes it current, moves the
 * asset to draft and audits EDIT, all in one BEGIN IMMEDIATE transaction. Errors: INVALID_INPUT
 * (files, text), COMMENT_TOO_LONG, PREFLIGHT_FAILED, NOT_FOUND, CONFLICT (row_version), FORBIDDEN,
 * STALE_VERSION (details.expected: another edit came first), and step()'s INVALID_TRANSITION,
 * FORBIDDEN, SNAPSHOT_UNKNOWN.
 */
export function createVersion(handle: DbHandle, input: CreateVersionInput): CreatedVersion {
  const preflight = checkPreflight(input.preflight, "Chưa tạo phiên bản mới");
  const { text, subtitle } = versionText(input);
  const comment = normalizeComment(input.comment);
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return immediate(handle.sqlite, () => {
    const asset = loadAsset(handle, input.assetId, input.expectedRowVersion);
    const actor = resolveActor(handle, input.actor);
    const base = currentVersionOrThrow(asset);
    if (input.baseVersionHash !== base.hash) {
      throw new WorkflowError("STALE_VERSION", "edit based on an older version", { expected: base.hash });
    }
    const newHash = checkFiles(input.files);
    // Ask the machine before writing anything, so a refused edit leaves no orphan version behind.
    const s = step(asset, { type: "EDIT", actor, versionHash: newHash, ...(comment ? { comment } : {}) });
    const version = insertVersion(handle, {
      assetId: asset.id,
      text,
      subtitle,
      options: input.options,
      files: input.files,
      preflight,
      createdBy: actor.userId!,
      at,
    });
    const rowVersion = writeStep(handle, asset, s, at, version.id);
    appendAudit(handle, {
      assetId: asset.id,
      versionId: version.id,
      actorUserId: actor.userId,
      actorRole: "drafter",
      action: "EDIT",
      fromState: s.from,
      toState: s.to,
      comment: comment ?? null,
      versionHash: version.contentHash,
      at,
    });
    return {
      assetId: asset.id,
      code: asset.code,
      versionId: version.id,
      n: version.n,
      versionHash: version.contentHash,
      verifyCode: version.verifyCode,
      state: s.to,
      rowVersion,
    };
  });
}
