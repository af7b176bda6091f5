import { getAsset, nextAssetCode } from "../../storage/assets";
import type { DbHandle } from "../../storage/db";
import type { Placement } from "../../storage/db/schema";
import { getContentItem } from "../../storage/plan";
import type { User } from "../../storage/users";
import { first } from "../../storage/db/sync";
import { getFormat } from "../../templates/formats";
import type { RenderInput } from "../../templates/types";
import { applyAssetEvent, createAsset, createVersion, preflightFailure } from "../../workflows/service";
import { WorkflowError } from "../../workflows/errors";
import { renderPreview, renderVersionFiles, serialized } from "./render.server";

export interface NewAssetInput {
  planId: string;
  contentItemId: string | null;
  sloganId: string | null;
  templateId: string;
  formatId: string;
  input: RenderInput;
  placement?: Placement | null;
  quantity?: number | null;
  submit: boolean;
}

/**
 * Render → store as version 1 (with its preflight report) → optionally submit for review. A render
 * whose preflight has errors is refused by the workflow (PREFLIGHT_FAILED) before anything is
 * written: no asset, no version, no files; the predicted asset code stays free.
 */
export function createAssetWithFiles(handle: DbHandle, user: User, a: NewAssetInput, origin: string) {
  return serialized(async () => {
    const plan = first(
      handle.sqlite,
      handle.db.selectFrom("plans").select(["id", "code"]).where("id", "=", a.planId),
    );
    if (!plan) throw new WorkflowError("NOT_FOUND", "plan not found");
    const item = a.contentItemId ? getContentItem(handle, a.contentItemId) : null;
    if (a.contentItemId && !item) throw new WorkflowError("NOT_FOUND", "content item not found");
    const code = nextAssetCode(handle, plan.code, item?.code ?? null);
    const { files, preflight } = await renderVersionFiles(a.templateId, a.formatId, a.input, {
      assetCode: code,
      versionN: 1,
      origin,
    });
    const created = createAsset(handle, {
      actor: { userId: user.id },
      planId: plan.id,
      contentItemId: a.contentItemId,
      sloganId: a.sloganId,
      templateId: a.templateId,
      formatId: a.formatId,
      text: a.input.text,
      subtitle: a.input.subtitle ?? null,
      options: { ...(a.input.options ?? {}) },
      files,
      preflight,
      placement: a.placement ?? null,
      quantity: a.quantity ?? null,
    });
    if (a.submit) {
      applyAssetEvent(handle, {
        assetId: created.assetId,
        event: { type: "SUBMIT", actor: { userId: user.id } },
        versionHash: created.versionHash,
        expectedRowVersion: created.rowVersion,
      });
    }
    return created;
  });
}

/**
 * A drafter's fix: render the new text into version n+1 (asset goes back to draft), optionally
 * resubmit. Refused (PREFLIGHT_FAILED, nothing written) when the new render's preflight has errors.
 */
export function createVersionWithFiles(
  handle: DbHandle,
  user: User,
  v: { assetId: string; baseVersionHash: string; input: RenderInput; comment?: string; submit: boolean },
  origin: string,
) {
  return serialized(async () => {
    const asset = getAsset(handle, v.assetId);
    if (!asset) throw new WorkflowError("NOT_FOUND", "asset not found");
    const { files, preflight } = await renderVersionFiles(asset.templateId, asset.formatId, v.input, {
      assetCode: asset.code,
      versionN: (asset.currentVersionN ?? 0) + 1,
      origin,
    });
    const created = createVersion(handle, {
      assetId: asset.id,
      actor: { userId: user.id },
      baseVersionHash: v.baseVersionHash,
      text: v.input.text,
      subtitle: v.input.subtitle ?? null,
      options: { ...(v.input.options ?? {}) },
      files,
      preflight,
      comment: v.comment,
    });
    if (v.submit) {
      applyAssetEvent(handle, {
        assetId: created.assetId,
        event: { type: "SUBMIT", actor: { userId: user.id } },
        versionHash: created.versionHash,
        expectedRowVersion: created.rowVersion,
      });
    }
    return created;
  });
}

/**
 * Before a creation of several formats writes the first asset: each format's preflight from its
 * SVG master (no PDF, no PNG), so one failing format refuses the lot instead of leaving half of it
 * created. Each creation still checks its own files' report.
 */
export async function preflightFormats(templateId: string, formatIds: readonly string[], input: RenderInput) {
  const errors: { code: string; messageVi: string }[] = [];
  for (const formatId of formatIds) {
    const p = await renderPreview(templateId, formatId, input, { as: "svg" });
    const label = getFormat(formatId).label;
    for (const e of p.preflight.errors) errors.push({ code: e.code, messageVi: `${label} — ${e.messageVi}` });
  }
  if (errors.length) throw preflightFailure(errors, "Chưa tạo ấn phẩm nào");
}
