import type { Placement } from "../../domain/placements";
import { getAsset, nextAssetCode } from "../../storage/assets";
import { loadBrand, versionOptions } from "../../storage/brand";
import type { DbHandle } from "../../storage/db";
import { getContentItem } from "../../storage/plan";
import type { User } from "../../storage/users";
import { first, immediate } from "../../storage/db/sync";
import { getTemplate, supports } from "../../templates/catalog";
import { isRefusal } from "../../domain/errors";
import { type Format, getFormat } from "../../templates/formats";
import type { RenderInput } from "../../templates/types";
import {
  applyAssetEvent,
  type CreatedVersion,
  createAsset,
  createVersion,
  preflightFailure,
} from "../../workflows/service";
import { WorkflowError } from "../../domain/workflow-error";
import { renderVersionFiles, serialized } from "./render.server";
import { appObjectStore } from "./stores.server";

export interface NewAssetInput {
  planId: string;
  contentItemId: string | null;
  sloganId: string | null;
  templateId: string;
  formatId: string;
  /** What to draw; without `brand` the stored kit is used, and the version records it (decision 039). */
  input: RenderInput;
  placement?: Placement | null;
  quantity?: number | null;
  /** The plan task the asset serves (createAsset checks it belongs to the plan). */
  taskId?: string | null;
  /** "Cần hoàn thành trước", YYYY-MM-DD; undefined = the task's due date, null = none. */
  dueOn?: string | null;
  submit: boolean;
}

/**
 * `input` with the brand it will be drawn with: its own, else the stored kit (loadBrand). Every
 * new version is drawn with one known brand, which its options then record (versionOptions).
 * Throws what loadBrand throws.
 */
export async function withBrand(handle: DbHandle, input: RenderInput): Promise<RenderInput> {
  return input.brand ? input : { ...input, brand: await loadBrand(handle, appObjectStore) };
}

/**
 * The plan's id and the code the next asset of the plan (and content item, when given) gets;
 * NOT_FOUND when either does not exist.
 */
function planAndNextCode(
  handle: DbHandle,
  a: Pick<NewAssetInput, "planId" | "contentItemId">,
): { planId: string; code: string } {
  const plan = first(
    handle.conn,
    handle.db.selectFrom("plans").select(["id", "code"]).where("id", "=", a.planId),
  );
  if (!plan) throw new WorkflowError("NOT_FOUND", "plan not found");
  const item = a.contentItemId ? getContentItem(handle, a.contentItemId) : null;
  if (a.contentItemId && !item) throw new WorkflowError("NOT_FOUND", "content item not found");
  return { planId: plan.id, code: nextAssetCode(handle, plan.code, item?.code ?? null) };
}

/**
 * Render → store as version 1 (with its preflight report) → optionally submit for review. A render
 * whose preflight has errors is refused by the workflow (PREFLIGHT_FAILED) before anything is
 * written: no asset, no version, no files; the predicted asset code stays free.
 */
export function createAssetWithFiles(handle: DbHandle, user: User, a: NewAssetInput, origin: string) {
  return serialized(async () => {
    const { planId, code } = planAndNextCode(handle, a);
    const input = await withBrand(handle, a.input);
    const { files, preflight } = await renderVersionFiles(a.templateId, a.formatId, input, {
      assetCode: code,
      versionN: 1,
      origin,
    });
    const created = createAsset(handle, {
      actor: { userId: user.id },
      planId,
      contentItemId: a.contentItemId,
      sloganId: a.sloganId,
      templateId: a.templateId,
      formatId: a.formatId,
      text: input.text,
      subtitle: input.subtitle ?? null,
      options: versionOptions(handle, input),
      files,
      preflight,
      placement: a.placement ?? null,
      quantity: a.quantity ?? null,
      taskId: a.taskId ?? null,
      dueOn: a.dueOn,
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
    const input = await withBrand(handle, v.input);
    const { files, preflight } = await renderVersionFiles(asset.templateId, asset.formatId, input, {
      assetCode: asset.code,
      versionN: (asset.currentVersionN ?? 0) + 1,
      origin,
    });
    const created = createVersion(handle, {
      assetId: asset.id,
      actor: { userId: user.id },
      baseVersionHash: v.baseVersionHash,
      text: input.text,
      subtitle: input.subtitle ?? null,
      options: versionOptions(handle, input),
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

type Problem = { code: string; messageVi: string };

const nothingCreated = (formatIds: readonly string[]) =>
  formatIds.length > 1 ? "Chưa tạo ấn phẩm nào" : "Chưa tạo ấn phẩm";

/**
 * Every format of a batch checked before anything is rendered or written, all problems listed at
 * once: an id sent twice, an unknown id or a custom size out of bounds, a format the design has no
 * layout for (`supports`, the rule the editor's list is built from). Refused as PREFLIGHT_FAILED
 * ("Chưa tạo ấn phẩm nào: … N lỗi"), whose errors the editor lists one by one.
 */
export function checkFormats(templateId: string, formatIds: readonly string[]): Format[] {
  const template = getTemplate(templateId);
  const problems: Problem[] = [];
  const formats: Format[] = [];
  const seen = new Set<string>();
  for (const id of formatIds) {
    if (seen.has(id)) {
      problems.push({ code: "FORMAT_DUPLICATE", messageVi: `Khổ “${id.slice(0, 60)}” được chọn hai lần.` });
      continue;
    }
    seen.add(id);
    let f: Format;
    try {
      f = getFormat(id);
    } catch (e) {
      if (!isRefusal(e)) throw e;
      problems.push({ code: e.code, messageVi: e.messageVi });
      continue;
    }
    if (!supports(template, f)) {
      problems.push({
        code: "FORMAT_NOT_SUPPORTED",
        messageVi: `Mẫu “${template.name}” không có bố cục cho khổ “${f.label}”.`,
      });
      continue;
    }
    formats.push(f);
  }
  if (problems.length) throw preflightFailure(problems, nothingCreated(formatIds));
  return formats;
}

/**
 * One asset per format, all or none. The formats are checked first (`checkFormats`); then every
 * format's files are rendered (each with the asset code it will get, predicted in order, as one
 * creation does) and every preflight error or render refusal of every format is listed in one
 * PREFLIGHT_FAILED; only then are the assets written, with their submissions, in one SQLite
 * transaction, so a failure while writing the third (a full disk, a refusal) takes the first two
 * back with it. The rendered files of the whole batch are held in memory until the write (at most
 * the editor's 12 formats).
 */
export async function createAssetsWithFiles(
  handle: DbHandle,
  user: User,
  a: Omit<NewAssetInput, "formatId">,
  formatIds: readonly string[],
  origin: string,
): Promise<CreatedVersion[]> {
  if (formatIds.length === 0) throw new WorkflowError("INVALID_INPUT", "no format");
  checkFormats(a.templateId, formatIds);
  const input = await withBrand(handle, a.input);
  return serialized(async () => {
    const { planId, code: next } = planAndNextCode(handle, a);
    const cut = next.lastIndexOf("-") + 1;
    const n0 = Number(next.slice(cut));
    const codes = formatIds.map((_, i) => `${next.slice(0, cut)}${String(n0 + i).padStart(4, "0")}`);

    const rendered: Awaited<ReturnType<typeof renderVersionFiles>>[] = [];
    const errors: Problem[] = [];
    for (const [i, formatId] of formatIds.entries()) {
      // With several formats each message says which one it is about.
      const label = formatIds.length > 1 ? `${getFormat(formatId).label} — ` : "";
      try {
        const r = await renderVersionFiles(a.templateId, formatId, input, {
          assetCode: codes[i],
          versionN: 1,
          origin,
        });
        for (const e of r.preflight.errors)
          errors.push({ code: e.code, messageVi: `${label}${e.messageVi}` });
        rendered.push(r);
      } catch (e) {
        if (!isRefusal(e)) throw e;
        errors.push({ code: e.code, messageVi: `${label}${e.messageVi}` });
      }
    }
    if (errors.length) throw preflightFailure(errors, nothingCreated(formatIds));

    return immediate(handle.conn, () =>
      formatIds.map((formatId, i) => {
        const created = createAsset(handle, {
          actor: { userId: user.id },
          planId,
          contentItemId: a.contentItemId,
          sloganId: a.sloganId,
          templateId: a.templateId,
          formatId,
          text: input.text,
          subtitle: input.subtitle ?? null,
          options: versionOptions(handle, input),
          files: rendered[i].files,
          preflight: rendered[i].preflight,
          placement: a.placement ?? null,
          quantity: a.quantity ?? null,
          taskId: a.taskId ?? null,
          dueOn: a.dueOn,
        });
        // The slug printed codes[i]: a different code would make the file lie about itself.
        if (created.code !== codes[i]) throw new Error(`asset code ${created.code} ≠ predicted ${codes[i]}`);
        if (!a.submit) return created;
        const submitted = applyAssetEvent(handle, {
          assetId: created.assetId,
          event: { type: "SUBMIT", actor: { userId: user.id } },
          versionHash: created.versionHash,
          expectedRowVersion: created.rowVersion,
        });
        return { ...created, state: submitted.toState, rowVersion: submitted.rowVersion };
      }),
    );
  });
}
