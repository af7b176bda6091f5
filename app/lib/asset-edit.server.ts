import { WorkflowError } from "../../domain/workflow-error";
import { getAsset } from "../../storage/assets";
import type { DbHandle } from "../../storage/db";
import { first } from "../../storage/db/sync";
import type { User } from "../../storage/users";
import type { RenderInput } from "../../templates/types";
import {
  applyAssetEvent,
  type CreatedVersion,
  createVersion,
  preflightFailure,
} from "../../workflows/service";
import { canEdit } from "./asset-view.server";
import { versionOptions } from "../../storage/brand";
import { checkFormats, createAssetsWithFiles, withBrand } from "./create.server";
import { renderVersionFiles, serialized } from "./render.server";

/** A drafter's edit from the asset page: the next version, possibly in another design and format. */
export interface AssetEdit {
  assetId: string;
  /** content_hash of the version the editor was opened on. */
  baseVersionHash: string;
  templateId: string;
  formatId: string;
  input: RenderInput;
  /** Further formats ticked beside the asset's own: each becomes a new asset with the same content. */
  extraFormatIds: readonly string[];
  comment?: string;
  /** Submit the new version (and the new assets) for review, as the editor's primary button does. */
  submit: boolean;
}

const WHAT = "Chưa tạo phiên bản mới";

/** The new assets inherit where the edited one belongs: plan, content item, slogan, task and deadline. */
function siblingOf(handle: DbHandle, assetId: string) {
  const row = first(
    handle.conn,
    handle.db
      .selectFrom("assets")
      .select(["plan_id", "content_item_id", "slogan_id", "placement", "quantity", "task_id", "due_on"])
      .where("id", "=", assetId),
  );
  if (!row) throw new WorkflowError("NOT_FOUND", "asset not found");
  return row;
}

/**
 * Renders the asset's next version with the chosen design and format (they become the asset's,
 * in createVersion's transaction), optionally resubmits it, and makes one new asset per extra
 * format with the same text, design and options (drafts, or submitted with it). Everything that
 * can be checked is checked before anything is written: the asset is open for edits
 * (INVALID_TRANSITION), every format against the design
 * (checkFormats: PREFLIGHT_FAILED listing each problem, the asset's own format and a repeat
 * included), the base version (STALE_VERSION), the new render's preflight (PREFLIGHT_FAILED);
 * then the extra assets are made all or none (createAssetsWithFiles), and the version last, so a
 * refused batch leaves the asset as it was. Only a concurrent edit landing between those two
 * writes can leave the new assets without the version (STALE_VERSION from createVersion).
 * Returns the new version and the new assets in the order ticked.
 */
export async function editAsset(
  handle: DbHandle,
  user: User,
  e: AssetEdit,
  origin: string,
): Promise<{ version: CreatedVersion; extra: CreatedVersion[] }> {
  if (e.extraFormatIds.length > 11) throw new WorkflowError("INVALID_INPUT", "too many formats");
  checkFormats(e.templateId, [e.formatId, ...e.extraFormatIds]);
  const asset = getAsset(handle, e.assetId);
  if (!asset) throw new WorkflowError("NOT_FOUND", "asset not found");
  // Asked here too, so an asset no longer open for edits gets no new siblings either.
  if (!canEdit(asset.state, user)) throw new WorkflowError("INVALID_TRANSITION", `no EDIT in ${asset.state}`);
  if (asset.currentVersionHash !== e.baseVersionHash) {
    throw new WorkflowError("STALE_VERSION", "edit based on an older version", {
      expected: asset.currentVersionHash,
    });
  }
  // Loaded once: the version and the new assets beside it are drawn with the same kit.
  const input = await withBrand(handle, e.input);
  const { files, preflight } = await serialized(() =>
    renderVersionFiles(e.templateId, e.formatId, input, {
      assetCode: asset.code,
      versionN: (asset.currentVersionN ?? 0) + 1,
      origin,
    }),
  );
  if (preflight.errors.length) throw preflightFailure(preflight.errors, WHAT);

  const home = siblingOf(handle, asset.id);
  const extra = e.extraFormatIds.length
    ? await createAssetsWithFiles(
        handle,
        user,
        {
          planId: home.plan_id,
          contentItemId: home.content_item_id,
          sloganId: home.slogan_id,
          templateId: e.templateId,
          input,
          placement: home.placement,
          quantity: home.quantity,
          taskId: home.task_id,
          dueOn: home.due_on,
          submit: e.submit,
        },
        e.extraFormatIds,
        origin,
      )
    : [];

  const version = createVersion(handle, {
    assetId: asset.id,
    actor: { userId: user.id },
    baseVersionHash: e.baseVersionHash,
    templateId: e.templateId,
    formatId: e.formatId,
    text: input.text,
    subtitle: input.subtitle ?? null,
    options: versionOptions(handle, input),
    files,
    preflight,
    comment: e.comment,
  });
  if (!e.submit) return { version, extra };
  const submitted = applyAssetEvent(handle, {
    assetId: version.assetId,
    event: { type: "SUBMIT", actor: { userId: user.id } },
    versionHash: version.versionHash,
    expectedRowVersion: version.rowVersion,
  });
  return { version: { ...version, state: submitted.toState, rowVersion: submitted.rowVersion }, extra };
}
