import { SLOGAN_MAX_CHARS } from "../domain/limits";
import { ASSET_STATES, type AssetState } from "../domain/states";
import { randomUUID } from "node:crypto";
import type { DbHandle } from "./db/connection";
import { all, exec, first } from "./db/sync";
import { cleanField } from "./text";
import type { TextNotice } from "../templates/text/clean";
import { WorkflowError } from "../domain/workflow-error";
import { isIsoDate, vnDate } from "../domain/working-days";
import { getUserRoles } from "./users";

export const DEFAULT_PLAN_ID = "cchc-2026";
/** The renderer's limit: a slogan the form accepts is one the renderer sets. */

export interface UnitRef {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
}

export interface SloganRecord {
  id: string;
  contentItemId: string | null;
  text: string;
  isTheme: boolean;
  origin: "seed" | "user";
  createdBy: string | null;
  createdAt: string;
}

export interface ContentItemSummary {
  id: string;
  code: string;
  title: string;
  text: string;
  slogans: SloganRecord[];
  /** Every workflow state is present, zero when there is no asset in it. */
  assetCounts: Record<AssetState, number>;
}

export interface PlanSummary {
  plan: {
    id: string;
    code: string;
    year: number;
    number: string | null;
    numberLabel: string;
    issuedOn: string | null;
    issuingUnit: UnitRef;
    title: string;
    theme: string;
    signerName: string | null;
    signerTitle: string | null;
    sourceFile: string | null;
    references: { number: string; issuedOn: string | null; issuer: string; title: string }[];
  };
  themeSlogans: SloganRecord[];
  contentItems: ContentItemSummary[];
  tasks: {
    number: number;
    title: string;
    text: string;
    lead: UnitRef;
    leadText: string;
    cooperating: UnitRef[];
    cooperatingText: string;
    timeText: string;
    dueDate: string | null;
    product: string;
  }[];
  units: (UnitRef & { aliases: string[] })[];
  assetCounts: Record<AssetState, number>;
}

function unitRef(r: { id: string; name: string; short_name: string | null; kind: string }): UnitRef {
  return { id: r.id, name: r.name, shortName: r.short_name, kind: r.kind };
}

function zeroCounts(): Record<AssetState, number> {
  return Object.fromEntries(ASSET_STATES.map((s) => [s, 0])) as Record<AssetState, number>;
}

export function listSlogans(
  handle: DbHandle,
  filter: { planId?: string; contentItemId?: string | null } = {},
): SloganRecord[] {
  let q = handle.db
    .selectFrom("slogans")
    .selectAll()
    .where("plan_id", "=", filter.planId ?? DEFAULT_PLAN_ID);
  if (filter.contentItemId === null) q = q.where("content_item_id", "is", null);
  else if (filter.contentItemId) q = q.where("content_item_id", "=", filter.contentItemId);
  return all(handle.conn, q.orderBy("origin").orderBy("created_at").orderBy("id")).map((r) => ({
    id: r.id,
    contentItemId: r.content_item_id,
    text: r.text,
    isTheme: r.is_theme === 1,
    origin: r.origin,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

/**
 * A slogan's text exactly as the renderer will set it (templates/text/clean.ts): refused with the
 * cleaner's Vietnamese message (WorkflowError INVALID_INPUT, details.textCode) for what a render
 * would refuse; its notices (look-alike letters replaced, no marks at all) come back to be shown.
 */
export function cleanSloganText(raw: string): { text: string; notices: TextNotice[] } {
  return cleanField(raw, { field: "Khẩu hiệu", maxChars: SLOGAN_MAX_CHARS });
}

/** A drafter adds a slogan for a content item (or for the theme when contentItemId is null). */
export function createSlogan(
  handle: DbHandle,
  input: { planId?: string; contentItemId: string | null; text: string; userId: string; now?: Date },
): SloganRecord & { notices: TextNotice[] } {
  const { text, notices } = cleanSloganText(input.text);
  if (!getUserRoles(handle, input.userId).includes("drafter"))
    throw new WorkflowError("FORBIDDEN", "drafters only");
  const planId = input.planId ?? DEFAULT_PLAN_ID;
  if (input.contentItemId) {
    const ok = first(
      handle.conn,
      handle.db
        .selectFrom("content_items")
        .select("id")
        .where("id", "=", input.contentItemId)
        .where("plan_id", "=", planId),
    );
    if (!ok) throw new WorkflowError("NOT_FOUND", "content item not found");
  }
  const row = {
    id: randomUUID(),
    plan_id: planId,
    content_item_id: input.contentItemId,
    text,
    is_theme: 0,
    origin: "user" as const,
    created_by: input.userId,
    created_at: (input.now ?? new Date()).toISOString(),
  };
  exec(handle.conn, handle.db.insertInto("slogans").values(row));
  return {
    id: row.id,
    contentItemId: row.content_item_id,
    text,
    isTheme: false,
    origin: "user",
    createdBy: row.created_by,
    createdAt: row.created_at,
    notices,
  };
}

export function listContentItems(handle: DbHandle, planId = DEFAULT_PLAN_ID) {
  return all(
    handle.conn,
    handle.db
      .selectFrom("content_items")
      .select(["id", "code", "title", "text"])
      .where("plan_id", "=", planId)
      .orderBy("sort_order"),
  );
}

export function getContentItem(handle: DbHandle, id: string) {
  return (
    first(
      handle.conn,
      handle.db
        .selectFrom("content_items")
        .select(["id", "plan_id", "code", "title", "text"])
        .where("id", "=", id),
    ) ?? null
  );
}

/** The plan's year (object keys are filed under it), or null for an unknown plan. */
export function planYear(handle: DbHandle, planId: string): number | null {
  return (
    first(handle.conn, handle.db.selectFrom("plans").select("year").where("id", "=", planId))?.year ?? null
  );
}

export function listUnits(handle: DbHandle): (UnitRef & { aliases: string[] })[] {
  return all(handle.conn, handle.db.selectFrom("units").selectAll().orderBy("sort_order")).map((u) => ({
    ...unitRef(u),
    aliases: JSON.parse(u.aliases_json) as string[],
  }));
}

/** Asset counts per format and state in a plan: progress by kind of product is counted from these. */
export function countAssetsByFormat(
  handle: DbHandle,
  planId = DEFAULT_PLAN_ID,
): { formatId: string; state: AssetState; n: number }[] {
  const { conn, db } = handle;
  return all(
    conn,
    db
      .selectFrom("assets")
      .select(["format_id", "state", (eb) => eb.fn.countAll<number>().as("n")])
      .where("plan_id", "=", planId)
      .groupBy(["format_id", "state"]),
  ).map((r) => ({ formatId: r.format_id, state: r.state as AssetState, n: r.n }));
}

/** Everything the plan page and `plan --json` show, including asset counts per state per item. */
export function getPlanSummary(handle: DbHandle, planId = DEFAULT_PLAN_ID): PlanSummary | null {
  const { conn, db } = handle;
  const plan = first(conn, db.selectFrom("plans").selectAll().where("id", "=", planId));
  if (!plan) return null;
  const units = listUnits(handle);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const unit = (id: string): UnitRef => {
    const u = unitById.get(id);
    if (!u) throw new Error(`unit ${id} missing`);
    return { id: u.id, name: u.name, shortName: u.shortName, kind: u.kind };
  };

  const references = all(
    conn,
    db
      .selectFrom("plan_references")
      .select(["number", "issued_on", "issuer", "title"])
      .where("plan_id", "=", planId)
      .orderBy("sort_order"),
  ).map((r) => ({ number: r.number, issuedOn: r.issued_on, issuer: r.issuer, title: r.title }));

  const slogans = listSlogans(handle, { planId });
  const counts = all(
    conn,
    db
      .selectFrom("assets")
      .select(["content_item_id", "state", (eb) => eb.fn.countAll<number>().as("n")])
      .where("plan_id", "=", planId)
      .groupBy(["content_item_id", "state"]),
  );
  const total = zeroCounts();
  const countsByItem = new Map<string | null, Record<AssetState, number>>();
  for (const c of counts) {
    const m = countsByItem.get(c.content_item_id) ?? zeroCounts();
    m[c.state as AssetState] = (m[c.state as AssetState] ?? 0) + c.n;
    total[c.state as AssetState] = (total[c.state as AssetState] ?? 0) + c.n;
    countsByItem.set(c.content_item_id, m);
  }

  const contentItems = listContentItems(handle, planId).map((ci) => ({
    ...ci,
    slogans: slogans.filter((s) => s.contentItemId === ci.id),
    assetCounts: countsByItem.get(ci.id) ?? zeroCounts(),
  }));

  const taskRows = all(
    conn,
    db.selectFrom("tasks").selectAll().where("plan_id", "=", planId).orderBy("number"),
  );
  const taskUnits = all(
    conn,
    db
      .selectFrom("task_units")
      .innerJoin("tasks", "tasks.id", "task_units.task_id")
      .select(["task_units.task_id", "task_units.unit_id"])
      .where("tasks.plan_id", "=", planId)
      .orderBy("task_units.sort_order"),
  );
  const tasks = taskRows.map((t) => ({
    number: t.number,
    title: t.title,
    text: t.text,
    lead: unit(t.lead_unit_id),
    leadText: t.lead_text,
    cooperating: taskUnits.filter((tu) => tu.task_id === t.id).map((tu) => unit(tu.unit_id)),
    cooperatingText: t.cooperating_text,
    timeText: t.time_text,
    dueDate: t.due_date,
    product: t.product,
  }));

  return {
    plan: {
      id: plan.id,
      code: plan.code,
      year: plan.year,
      number: plan.number,
      numberLabel: plan.number ?? "chưa có số",
      issuedOn: plan.issued_on,
      issuingUnit: unit(plan.issuing_unit_id),
      title: plan.title,
      theme: plan.theme,
      signerName: plan.signer_name,
      signerTitle: plan.signer_title,
      sourceFile: plan.source_file,
      references,
    },
    themeSlogans: slogans.filter((s) => s.contentItemId === null),
    contentItems,
    tasks,
    units,
    assetCounts: total,
  };
}

/** Longest plan number accepted, e.g. "125/KH-UBND" (real ones are well under). */
export const PLAN_NUMBER_MAX_CHARS = 40;

// A Vietnamese administrative document number: digits, then "/" and the sign of the document
// type and issuer, e.g. "125/KH-UBND", "08/KH-UBND.VHXH". Anything else is far more often a typo
// than a real number, and the number is printed on the dashboard and the reports.
const PLAN_NUMBER = /^[0-9]{1,6}\/[A-ZĐ0-9][A-ZĐ0-9.-]{0,30}$/u;

/**
 * Sets the plan's number and date of issue (Số … ngày …), shown on the dashboard instead of
 * "chưa có số"; only an admin may. `number` "" / null clears both (the plan is again unnumbered);
 * a number needs `issuedOn` (ISO YYYY-MM-DD, not after today in Vietnam). The number is trimmed
 * and upper-cased. Returns what was stored.
 * Throws WorkflowError FORBIDDEN (actor not admin), NOT_FOUND (no such plan), INVALID_INPUT
 * (details.field "number" or "issuedOn", Vietnamese message).
 */
export function updatePlanNumber(
  handle: DbHandle,
  input: { actorId: string; planId: string; number: string | null; issuedOn: string | null; now?: Date },
): { number: string | null; issuedOn: string | null } {
  if (!getUserRoles(handle, input.actorId).includes("admin")) {
    throw new WorkflowError(
      "FORBIDDEN",
      "only an admin sets the plan number",
      {},
      "Chỉ quản trị viên được sửa số kế hoạch.",
    );
  }
  const number = (input.number ?? "").normalize("NFC").trim().replace(/\s+/g, "").toUpperCase() || null;
  let issuedOn: string | null = null;
  if (number !== null) {
    if (number.length > PLAN_NUMBER_MAX_CHARS || !PLAN_NUMBER.test(number)) {
      throw new WorkflowError(
        "INVALID_INPUT",
        `bad plan number ${JSON.stringify(number)}`,
        { field: "number" },
        "Số kế hoạch không hợp lệ: ghi theo dạng số/ký hiệu, ví dụ 125/KH-UBND.",
      );
    }
    issuedOn = input.issuedOn?.trim() || null;
    if (!issuedOn || !isIsoDate(issuedOn) || issuedOn > vnDate(input.now ?? new Date())) {
      throw new WorkflowError(
        "INVALID_INPUT",
        `bad issue date ${JSON.stringify(input.issuedOn)}`,
        { field: "issuedOn" },
        "Ngày ban hành không hợp lệ: cần một ngày có thật, không sau hôm nay.",
      );
    }
  }
  const res = exec(
    handle.conn,
    handle.db.updateTable("plans").set({ number, issued_on: issuedOn }).where("id", "=", input.planId),
  );
  if (res.changes === 0) {
    throw new WorkflowError("NOT_FOUND", `plan ${input.planId} not found`, {}, "Không tìm thấy kế hoạch.");
  }
  return { number, issuedOn };
}
