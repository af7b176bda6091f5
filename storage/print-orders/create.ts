import { randomUUID } from "node:crypto";
import { MAX_LINE_QUANTITY, orderCode } from "../../domain/print-orders";
import { STATE_LABELS_VI } from "../../domain/states";
import { isIsoDate, vnDate } from "../../domain/working-days";
import { type AssetRecord, getAsset } from "../assets";
import { appendAudit } from "../audit";
import type { DbHandle } from "../db/connection";
import { exec, first, immediate } from "../db/sync";
import { type Actor, fieldText, getPlacement, placementFits } from "../placements";
import { knownFormat } from "../print-access/spec";
import { enqueueNotify } from "../outbox";
import { getPublishedObject } from "../published-objects";
import { requireRole } from "./access";
import { PrintOrderError } from "./errors";
import { loadOrder, type PrintOrder } from "./records";

/** More lines than this in one order is a slip of the form, not an order. */
export const MAX_ORDER_LINES = 50;
/** Places one line may send its copies to. */
export const MAX_LINE_PLACEMENTS = 50;
/** Lengths in code points after cleaning (migration 009's CHECKs); forms use them as maxLength. */
export const ORDER_TEXT_LIMITS = { material: 200, lineNote: 2000, note: 2000 } as const;

export interface OrderLineInput {
  assetId: string;
  /** Copies, 1…MAX_LINE_QUANTITY. */
  quantity: number;
  material?: string | null;
  note?: string | null;
  /** Where the copies go: each place once, the copies over all places at most `quantity`. */
  placements?: readonly { placementId: string; quantity: number }[];
}

export interface CreateOrderInput {
  actor: Actor;
  planId: string;
  /** A unit of kind print_shop. */
  printerUnitId: string;
  /** ISO date, not before today in Vietnam; null or omitted = none. */
  deliverBy?: string | null;
  note?: string | null;
  lines: readonly OrderLineInput[];
  now?: Date;
}

interface CleanLine {
  assetId: string;
  quantity: number;
  material: string;
  note: string;
  placements: { placementId: string; quantity: number }[];
}

function invalid(field: string, messageVi: string, line?: number): PrintOrderError {
  return new PrintOrderError(
    "INVALID_INPUT",
    `invalid ${field}${line ? ` on line ${line}` : ""}`,
    messageVi,
    {
      field,
      ...(line ? { line } : {}),
    },
  );
}

const isCount = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_LINE_QUANTITY;
const COUNT_VI = `một số nguyên từ 1 đến ${MAX_LINE_QUANTITY.toLocaleString("vi-VN")}`;

function cleanLine(l: OrderLineInput, n: number): CleanLine {
  const at = `Dòng ${n}: `;
  if (!isCount(l.quantity)) throw invalid("quantity", `${at}số lượng phải là ${COUNT_VI}.`, n);
  const placements = [...(l.placements ?? [])];
  if (placements.length > MAX_LINE_PLACEMENTS) {
    throw invalid("placements", `${at}chọn tối đa ${MAX_LINE_PLACEMENTS} vị trí.`, n);
  }
  if (new Set(placements.map((p) => p.placementId)).size !== placements.length) {
    throw invalid("placements", `${at}mỗi vị trí chỉ chọn một lần.`, n);
  }
  for (const p of placements) {
    if (!isCount(p.quantity))
      throw invalid("placements", `${at}số bản cho mỗi vị trí phải là ${COUNT_VI}.`, n);
  }
  const placed = placements.reduce((s, p) => s + p.quantity, 0);
  if (placed > l.quantity) {
    throw invalid(
      "placements",
      `${at}tổng số bản chia cho các vị trí (${placed}) nhiều hơn số lượng đặt in (${l.quantity}).`,
      n,
    );
  }
  const fail = (field: string) => (m: string) => invalid(field, `${at}${m}`, n);
  return {
    assetId: l.assetId,
    quantity: l.quantity,
    material: fieldText(l.material, "Vật liệu", ORDER_TEXT_LIMITS.material, fail("material")),
    note: fieldText(l.note, "Ghi chú của dòng", ORDER_TEXT_LIMITS.lineNote, fail("note"), {
      multiline: true,
    }),
    placements,
  };
}

/** Everything that can be checked without the database, before the write lock is taken. */
function cleanInput(input: CreateOrderInput, today: string) {
  if (input.lines.length === 0) throw invalid("lines", "Đơn đặt in cần ít nhất một ấn phẩm.");
  if (input.lines.length > MAX_ORDER_LINES) {
    throw invalid("lines", `Một đơn đặt in có tối đa ${MAX_ORDER_LINES} ấn phẩm; hãy tách thành nhiều đơn.`);
  }
  if (new Set(input.lines.map((l) => l.assetId)).size !== input.lines.length) {
    throw invalid("lines", "Mỗi ấn phẩm chỉ đặt một dòng trong một đơn; hãy gộp số lượng vào một dòng.");
  }
  const deliverBy = input.deliverBy?.trim() || null;
  if (deliverBy !== null && (!isIsoDate(deliverBy) || deliverBy < today)) {
    throw invalid("deliverBy", "Ngày cần giao phải là một ngày có thật, không trước hôm nay.");
  }
  return {
    deliverBy,
    note: fieldText(input.note, "Ghi chú", ORDER_TEXT_LIMITS.note, (m) => invalid("note", m), {
      multiline: true,
    }),
    lines: input.lines.map((l, i) => cleanLine(l, i + 1)),
  };
}

/** Active users holding the printer role in this print-shop unit: who hears of a new order. */
function printShopUsers(db: DbHandle, unitId: string): string[] {
  return db.conn
    .prepare(
      `SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'printer'
       WHERE u.unit_id = ? AND u.active = 1 ORDER BY u.id`,
    )
    .all(unitId)
    .map((r) => (r as { id: string }).id);
}

/** The asset must be published now, with its print PDF in the store: returns its published version id. */
function publishedVersion(db: DbHandle, asset: AssetRecord | null, line: CleanLine, n: number): string {
  if (!asset)
    throw new PrintOrderError(
      "NOT_FOUND",
      `asset ${line.assetId} not found`,
      `Dòng ${n}: không tìm thấy ấn phẩm.`,
    );
  const format = knownFormat(asset.formatId);
  if (!format || format.kind === "screen") {
    throw invalid("assetId", `Dòng ${n} (${asset.code}): khổ màn hình, mạng xã hội không đặt in được.`, n);
  }
  const pdf = asset.currentVersionId ? getPublishedObject(db.conn, asset.currentVersionId, "pdf") : null;
  if (asset.state !== "published" || !pdf || pdf.withdrawnAt) {
    const state = STATE_LABELS_VI[asset.state] ?? asset.state;
    throw new PrintOrderError(
      "NOT_PUBLISHED",
      `${asset.code} is ${asset.state}${pdf?.withdrawnAt ? " (withdrawn)" : ""}`,
      `Dòng ${n} (${asset.code}): chỉ đặt in được ấn phẩm đã phát hành; ấn phẩm này đang ở trạng thái “${state}”.`,
      { line: n, assetId: asset.id },
    );
  }
  return pdf.versionId;
}

function checkPlacements(db: DbHandle, planId: string, asset: AssetRecord, line: CleanLine, n: number): void {
  for (const { placementId } of line.placements) {
    const p = getPlacement(db, placementId);
    if (!p || p.planId !== planId || !p.active) {
      throw invalid("placements", `Dòng ${n} (${asset.code}): vị trí đã chọn không còn trong danh sách.`, n);
    }
    if (!placementFits(p, asset.formatId)) {
      throw invalid(
        "placements",
        `Dòng ${n} (${asset.code}): vị trí “${p.name}” không treo/đặt được khổ ${knownFormat(asset.formatId)?.label ?? asset.formatId}.`,
        n,
      );
    }
  }
}

/** The next code of the plan's year ("DI-2026-007"); call inside the write transaction. */
function nextOrderCode(db: DbHandle, year: number): string {
  const prefix = `DI-${year}-`;
  const rows = db.conn.prepare("SELECT code FROM print_orders WHERE code LIKE ?").all(`${prefix}%`) as {
    code: string;
  }[];
  const max = rows.reduce((m, r) => Math.max(m, Number(r.code.slice(prefix.length)) || 0), 0);
  return orderCode(year, max + 1);
}

/**
 * The office orders published assets from a print shop: one line per asset, bound to the version
 * published now, with its quantity, material, note and places. The code ("DI-2026-001", numbered
 * per plan year) is allocated in the same IMMEDIATE transaction as the rows; each line writes an
 * ORDERED audit event on its asset and a notice to the print shop's printers. Returns the order.
 * Throws PrintOrderError: FORBIDDEN (not office), INVALID_INPUT (details.field, details.line:
 * quantities, texts, dates, duplicate lines or places, places that are gone or do not fit the
 * format, a screen format, a unit that is not a print shop, an asset of another plan), NOT_FOUND
 * (plan or asset), NOT_PUBLISHED (the asset is not published now, or its print file is withdrawn).
 */
export function createOrder(db: DbHandle, input: CreateOrderInput): PrintOrder {
  const now = input.now ?? new Date();
  const clean = cleanInput(input, vnDate(now));
  const at = now.toISOString();
  const id = randomUUID();
  immediate(db.conn, () => {
    requireRole(db, input.actor, ["office"], "Chỉ Phòng Văn hóa - Xã hội được tạo đơn đặt in.");
    const plan = first(db.conn, db.db.selectFrom("plans").select("year").where("id", "=", input.planId));
    if (!plan)
      throw new PrintOrderError("NOT_FOUND", `plan ${input.planId} not found`, "Không tìm thấy kế hoạch.");
    const unit = first(
      db.conn,
      db.db.selectFrom("units").select("kind").where("id", "=", input.printerUnitId),
    );
    if (unit?.kind !== "print_shop") {
      throw invalid("printerUnitId", "Hãy chọn đơn vị in trong danh sách.");
    }
    const bound = clean.lines.map((line, i) => {
      const asset = getAsset(db, line.assetId);
      const versionId = publishedVersion(db, asset, line, i + 1);
      if (asset!.planId !== input.planId) {
        throw invalid("assetId", `Dòng ${i + 1} (${asset!.code}): ấn phẩm thuộc kế hoạch khác.`, i + 1);
      }
      checkPlacements(db, input.planId, asset!, line, i + 1);
      return { line, versionId, asset: asset! };
    });
    const code = nextOrderCode(db, plan.year);
    exec(
      db.conn,
      db.db.insertInto("print_orders").values({
        id,
        code,
        plan_id: input.planId,
        printer_unit_id: input.printerUnitId,
        deliver_by: clean.deliverBy,
        note: clean.note,
        status: "open",
        created_by: input.actor.userId,
        created_at: at,
        updated_at: at,
      }),
    );
    const shopUsers = printShopUsers(db, input.printerUnitId);
    bound.forEach(({ line, versionId, asset }, i) => {
      const lineId = randomUUID();
      exec(
        db.conn,
        db.db.insertInto("print_order_lines").values({
          id: lineId,
          order_id: id,
          sort_order: i + 1,
          asset_id: line.assetId,
          version_id: versionId,
          quantity: line.quantity,
          material: line.material,
          note: line.note,
          printed_on: null,
          delivered_on: null,
        }),
      );
      for (const p of line.placements) {
        exec(
          db.conn,
          db.db
            .insertInto("print_order_line_placements")
            .values({ line_id: lineId, placement_id: p.placementId, quantity: p.quantity }),
        );
      }
      // On the asset's own record, and the news for the print shop's people: one entry per line,
      // so each asset's history says which order asked for how many copies.
      const audit = appendAudit(db, {
        assetId: asset.id,
        versionId,
        actorUserId: input.actor.userId,
        actorRole: "office",
        action: "ORDERED",
        fromState: "published",
        toState: "published",
        comment: `Đặt in ${line.quantity} bản (đơn ${code})`,
        versionHash: asset.currentVersionHash,
        at,
      });
      enqueueNotify(
        db,
        {
          assetId: asset.id,
          code: asset.code,
          title: asset.title,
          action: "ORDERED",
          fromState: "published",
          toState: "published",
          auditId: audit.id,
          notifyRoles: [],
          notifyUserIds: shopUsers,
        },
        now,
      );
    });
  });
  return loadOrder(db, id)!;
}
