import { SLOGAN_MAX_CHARS } from "../../domain/limits";
import { isIsoDate } from "../../domain/working-days";
import { z } from "zod";
import type { DbHandle } from "../../storage/db";
import { all } from "../../storage/db/sync";
import { DEFAULT_PLAN_ID, listContentItems, listSlogans } from "../../storage/plan";
import type { User } from "../../storage/users";
import { formatsFor, TEMPLATES } from "../../templates/catalog";
import { FORMATS, isPrintFormat } from "../../templates/formats";
import { createAssetsWithFiles } from "./create.server";
import { userRefusal } from "./errors.server";
import { PLACEMENT_LABELS_VI } from "./format";
import { publicOrigin } from "./http.server";
import { appObjectStore } from "./stores.server";
import {
  pick,
  RENDER_KEYS,
  type RenderParams,
  renderParamsSchema,
  resolveRenderInput,
} from "./render-input.server";

/** The plan's tasks ("Nhiệm vụ cụ thể") in their order, each with its due date (ISO date or null). */
export function listPlanTasks(handle: DbHandle) {
  return all(
    handle.conn,
    handle.db
      .selectFrom("tasks")
      .select(["id", "number", "title", "due_date"])
      .where("plan_id", "=", DEFAULT_PLAN_ID)
      .orderBy("number"),
  ).map((t) => ({ id: t.id, number: t.number, title: t.title, dueDate: t.due_date }));
}

/** What the editor offers: content items and their slogans, designs, formats, placements and tasks. */
export function editorPageData(handle: DbHandle, initialItem: string) {
  return {
    tasks: listPlanTasks(handle),
    items: listContentItems(handle).map((i) => ({ id: i.id, code: i.code, title: i.title })),
    slogans: listSlogans(handle).map((s) => ({
      id: s.id,
      itemId: s.contentItemId,
      text: s.text,
      isTheme: s.isTheme,
    })),
    // Each design with the formats it supports, so the browser offers only what the server accepts.
    templates: TEMPLATES.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      formats: formatsFor(t).map((f) => f.id),
    })),
    formats: FORMATS.map((f) => ({
      id: f.id,
      label: f.label,
      group: f.group,
      print: isPrintFormat(f),
    })),
    initialItem,
    maxChars: SLOGAN_MAX_CHARS,
    placements: Object.entries(PLACEMENT_LABELS_VI),
  };
}

export type EditorPageData = ReturnType<typeof editorPageData>;

const createSchema = z.object({
  item: z.string().max(100).optional(),
  sloganId: z.string().max(200).optional(),
  placement: z.enum(["", "road", "office", "village_hall", "crowded_place", "online"]).optional(),
  quantity: z.coerce.number().int().min(0).max(100000).optional(),
  task: z.string().max(100).optional(),
  dueOn: z.string().max(20).optional(),
  intent: z.enum(["save", "submit"]),
});

const BAD_DUE_DATE = "Ngày “Cần hoàn thành trước” không hợp lệ: hãy chọn một ngày có thật (ngày/tháng/năm).";

/**
 * The deadline as sent: absent = the task's own due date (createAsset's default), blank = none,
 * else a real calendar day as YYYY-MM-DD; `false` for anything else.
 */
function dueOnField(raw: string | undefined): string | null | undefined | false {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (!s) return null;
  return isIsoDate(s) ? s : false;
}

/** The editor's form, checked: where the assets belong, what to render, and in which formats. */
export interface EditorRequest {
  base: z.infer<typeof createSchema>;
  render: RenderParams;
  formats: string[];
  /** Undefined: the task's due date; null: no deadline. */
  dueOn: string | null | undefined;
}

export type ParsedEditorForm = { ok: true; request: EditorRequest } | { ok: false; error: string };

/**
 * Reads the editor's form; on bad input, the Vietnamese message the form shows instead (a due
 * date that is not a real day gets its own message).
 */
export function parseEditorForm(form: FormData): ParsedEditorForm {
  const base = createSchema.safeParse(Object.fromEntries(form));
  const formats = form.getAll("formats").filter((f): f is string => typeof f === "string");
  const invalid = { ok: false as const, error: "Dữ liệu gửi lên không hợp lệ." };
  if (!base.success) return invalid;
  const dueOn = dueOnField(base.data.dueOn);
  if (dueOn === false) return { ok: false, error: BAD_DUE_DATE };
  if (formats.length === 0 || formats.length > 12) {
    return { ok: false, error: "Hãy chọn ít nhất một khổ (tối đa 12)." };
  }
  const render = renderParamsSchema.safeParse({ ...pick(form, RENDER_KEYS), format: formats[0] });
  if (!render.success) return invalid;
  return { ok: true, request: { base: base.data, render: render.data, formats, dueOn } };
}

/**
 * Creates one asset per chosen format, all or none (app/lib/create.server.ts): every format is
 * checked and rendered before the first is written, and the assets are written in one
 * transaction. A refusal (preflight errors, a format the design cannot lay out, a task not in the
 * plan: NOT_FOUND) comes back as the message and its problems one by one.
 */
export async function createFromEditor(
  handle: DbHandle,
  user: User,
  r: EditorRequest,
): Promise<{ created: { assetId: string; code: string }[] } | { error: string; issues: string[] }> {
  try {
    const input = await resolveRenderInput(handle, appObjectStore, r.render);
    const created = await createAssetsWithFiles(
      handle,
      user,
      {
        planId: DEFAULT_PLAN_ID,
        contentItemId: r.base.item || null,
        sloganId: r.base.sloganId || null,
        templateId: r.render.template,
        input,
        placement: r.base.placement || null,
        quantity: r.base.quantity || null,
        taskId: r.base.task || null,
        dueOn: r.dueOn,
        submit: r.base.intent === "submit",
      },
      r.formats,
      publicOrigin(),
    );
    return { created };
  } catch (e) {
    return userRefusal(e);
  }
}
