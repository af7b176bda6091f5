import { randomUUID } from "node:crypto";
import { COMMENT_MAX_CHARS } from "../../domain/limits";
import { isPlacement, type Placement } from "../../domain/placements";
import type { Role } from "../../domain/roles";
import type { AssetState } from "../../domain/states";
import { WorkflowError } from "../../domain/workflow-error";
import { isIsoDate } from "../../domain/working-days";
import {
  insertVersion,
  nextAssetCode,
  type RenderedFiles,
  refreshSearchKey,
  type StoredPreflight,
} from "../../storage/assets";
import { appendAudit } from "../../storage/audit";
import type { DbHandle } from "../../storage/db/connection";
import { planChild } from "../../storage/plan-rows";
import { exec, first, immediate } from "../../storage/db/sync";
import { cleanField, cleanNote } from "../../storage/text";
import { stripEmphasis } from "../../templates/text/emphasis";
import { initialAssetSnapshot, persistAssetSnapshot } from "../snapshot";
import { requireDrafter } from "./actor";
import { checkFiles, versionText } from "./content";
import { checkPreflight } from "./preflight";

export interface CreateAssetInput {
  actor: { userId: string; roles?: Role[] };
  planId: string;
  contentItemId: string | null;
  sloganId?: string | null;
  templateId: string;
  formatId: string;
  /** Defaults to the text. */
  title?: string;
  text: string;
  subtitle?: string | null;
  options?: Record<string, unknown>;
  files: RenderedFiles;
  placement?: Placement | null;
  /** Copies to print: a positive integer. */
  quantity?: number | null;
  materialHint?: string | null;
  /** The plan task the asset serves; must belong to the plan. */
  taskId?: string | null;
  /**
   * "Cần hoàn thành trước": ISO date (YYYY-MM-DD, a real calendar day). Undefined = the task's due
   * date when the task has one; null = no deadline. INVALID_INPUT for a malformed date.
   */
  dueOn?: string | null;
  /** Preflight report of the render the files came from: stored; errors refuse the creation. */
  preflight?: StoredPreflight | null;
  now?: Date;
}

/** What createAsset and createVersion return: the version now current and the asset's state after it. */
export interface CreatedVersion {
  assetId: string;
  code: string;
  versionId: string;
  n: number;
  versionHash: string;
  verifyCode: string;
  state: AssetState;
  rowVersion: number;
}

/**
 * Creates an asset in draft with version 1 from already-rendered files, its code the plan's next
 * (nextAssetCode), and audits CREATE, all in one BEGIN IMMEDIATE transaction. The title is one line
 * of at most 200 characters. Errors: INVALID_INPUT (files, text, title, placement, quantity),
 * PREFLIGHT_FAILED, FORBIDDEN (not an active drafter), NOT_FOUND (plan, or a content item not in it).
 */
export function createAsset(handle: DbHandle, input: CreateAssetInput): CreatedVersion {
  const primaryHash = checkFiles(input.files);
  const preflight = checkPreflight(input.preflight, "Chưa tạo ấn phẩm");
  const { text, subtitle } = versionText(input);
  // The title lists and notices show is the slogan as read, without its emphasis markers.
  const title = cleanField(input.title ?? stripEmphasis(text), {
    field: "Tiêu đề",
    maxChars: 200,
    multiline: false,
    checkMarks: false,
  }).text;
  if (input.placement != null && !isPlacement(input.placement)) {
    throw new WorkflowError("INVALID_INPUT", "unknown placement");
  }
  if (input.quantity != null && !(Number.isInteger(input.quantity) && input.quantity > 0)) {
    throw new WorkflowError("INVALID_INPUT", "quantity must be a positive integer");
  }
  if (input.dueOn != null && !isIsoDate(input.dueOn)) {
    throw new WorkflowError("INVALID_INPUT", "dueOn must be an ISO date (YYYY-MM-DD)");
  }
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return immediate(handle.conn, () => {
    const actor = requireDrafter(handle, input.actor);
    const plan = first(
      handle.conn,
      handle.db.selectFrom("plans").select(["id", "code"]).where("id", "=", input.planId),
    );
    if (!plan) throw new WorkflowError("NOT_FOUND", "plan not found");
    let itemCode: string | null = null;
    if (input.contentItemId) {
      const item = planChild(handle, "content_items", plan.id, input.contentItemId);
      if (!item) throw new WorkflowError("NOT_FOUND", "content item not in this plan");
      itemCode = item.code;
    }
    let taskDue: string | null = null;
    if (input.taskId) {
      const task = planChild(handle, "tasks", plan.id, input.taskId);
      if (!task) throw new WorkflowError("NOT_FOUND", "task not in this plan");
      taskDue = task.due_date;
    }
    const id = randomUUID();
    const code = nextAssetCode(handle, plan.code, itemCode);
    const initial = persistAssetSnapshot(initialAssetSnapshot(primaryHash));
    exec(
      handle.conn,
      handle.db.insertInto("assets").values({
        id,
        code,
        plan_id: plan.id,
        content_item_id: input.contentItemId,
        slogan_id: input.sloganId ?? null,
        template_id: input.templateId,
        format_id: input.formatId,
        title,
        created_by: actor.userId!,
        state: "draft",
        snapshot_json: initial.snapshotJson,
        machine_id: initial.machineId,
        machine_version: initial.machineVersion,
        row_version: 0,
        current_version_id: null,
        placement: input.placement ?? null,
        task_id: input.taskId ?? null,
        due_on: input.dueOn === undefined ? taskDue : input.dueOn,
        quantity: input.quantity ?? null,
        material_hint: input.materialHint
          ? cleanNote(input.materialHint, "Chất liệu", COMMENT_MAX_CHARS) || null
          : null,
        created_at: at,
        updated_at: at,
      }),
    );
    const version = insertVersion(handle, {
      assetId: id,
      text,
      subtitle,
      options: input.options,
      files: input.files,
      preflight,
      createdBy: actor.userId!,
      at,
    });
    exec(
      handle.conn,
      handle.db.updateTable("assets").set({ current_version_id: version.id }).where("id", "=", id),
    );
    refreshSearchKey(handle, id);
    appendAudit(handle, {
      assetId: id,
      versionId: version.id,
      actorUserId: actor.userId,
      actorRole: "drafter",
      action: "CREATE",
      fromState: null,
      toState: "draft",
      versionHash: version.contentHash,
      at,
    });
    return {
      assetId: id,
      code,
      versionId: version.id,
      n: version.n,
      versionHash: version.contentHash,
      verifyCode: version.verifyCode,
      state: "draft",
      rowVersion: 0,
    };
  });
}
