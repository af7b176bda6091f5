import { isRefusal } from "../../domain/errors";
import type { Role } from "../../domain/roles";
import { WorkflowError } from "../../domain/workflow-error";
import {
  type AssetRecord,
  insertVersion,
  type RenderedFiles,
  type StoredPreflight,
} from "../../storage/assets";
import { appendAudit } from "../../storage/audit";
import type { DbHandle } from "../../storage/db/connection";
import { exec, immediate } from "../../storage/db/sync";
import { getTemplate, supports } from "../../templates/catalog";
import { getFormat } from "../../templates/formats";
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
  /** The design the files were rendered with, when the edit changes it; absent = the asset's own. */
  templateId?: string;
  /** The format the files were rendered in, when the edit changes it; absent = the asset's own. */
  formatId?: string;
  comment?: string;
  now?: Date;
}

/**
 * The design and format the new version moves the asset to, or null when it keeps its own. A
 * changed pair must be one the catalogue can lay out (`supports`, as the editor offers it), else
 * INVALID_INPUT naming the design and the format.
 */
function designChange(
  asset: AssetRecord,
  input: Pick<CreateVersionInput, "templateId" | "formatId">,
): { templateId: string; formatId: string } | null {
  const templateId = input.templateId ?? asset.templateId;
  const formatId = input.formatId ?? asset.formatId;
  if (templateId === asset.templateId && formatId === asset.formatId) return null;
  try {
    const template = getTemplate(templateId);
    const format = getFormat(formatId);
    if (supports(template, format)) return { templateId, formatId };
    throw new WorkflowError(
      "INVALID_INPUT",
      `template ${templateId} has no layout for format ${formatId}`,
      { templateId, formatId },
      `Mẫu “${template.name}” không có bố cục cho khổ “${format.label}”.`,
    );
  } catch (e) {
    // An unknown design or format: the catalogue's own message, as a refusal of this edit.
    if (e instanceof WorkflowError || !isRefusal(e)) throw e;
    throw new WorkflowError("INVALID_INPUT", e.message, { templateId, formatId }, e.messageVi);
  }
}

/**
 * EDIT: stores a new version (draft, returned or withdrawn assets only), makes it current, moves the
 * asset to draft and audits EDIT, all in one BEGIN IMMEDIATE transaction. With `templateId` /
 * `formatId` differing from the asset's, the asset row takes them in the same transaction (the
 * files must have been rendered with them; the EDIT audit row binds the new version's hash).
 * Errors: INVALID_INPUT (files, text, a design/format pair the catalogue cannot lay out or does
 * not know), COMMENT_TOO_LONG, PREFLIGHT_FAILED, NOT_FOUND, CONFLICT (row_version), FORBIDDEN,
 * STALE_VERSION (details.expected: another edit came first), and step()'s INVALID_TRANSITION,
 * FORBIDDEN, SNAPSHOT_UNKNOWN.
 */
export function createVersion(handle: DbHandle, input: CreateVersionInput): CreatedVersion {
  const preflight = checkPreflight(input.preflight, "Chưa tạo phiên bản mới");
  const { text, subtitle } = versionText(input);
  const comment = normalizeComment(input.comment);
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return immediate(handle.conn, () => {
    const asset = loadAsset(handle, input.assetId, input.expectedRowVersion);
    const actor = resolveActor(handle, input.actor);
    const base = currentVersionOrThrow(asset);
    if (input.baseVersionHash !== base.hash) {
      throw new WorkflowError("STALE_VERSION", "edit based on an older version", { expected: base.hash });
    }
    const newHash = checkFiles(input.files);
    const design = designChange(asset, input);
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
    if (design) {
      exec(
        handle.conn,
        handle.db
          .updateTable("assets")
          .set({ template_id: design.templateId, format_id: design.formatId })
          .where("id", "=", asset.id),
      );
    }
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
