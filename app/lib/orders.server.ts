import { LINE_STATUS_LABELS_VI, LINE_STATUSES, type LineStatus } from "../../domain/print-orders";
import type { Role } from "../../domain/roles";
import { vnDate } from "../../domain/working-days";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { settings } from "../../config/env.server";
import type { DbHandle } from "../../storage/db/connection";
import { contentDisposition } from "../../storage/objects/content-disposition";
import { listPlacements, placementFits } from "../../storage/placements";
import { DEFAULT_PLAN_ID, listContentItems, listUnits } from "../../storage/plan";
import {
  cancelOrder,
  createOrder,
  getOrder,
  isPrintOrderError,
  listOrderableAssets,
  listOrders,
  markLine,
  MAX_ORDER_LINES,
  orderSheetData,
  type OrderLine,
  type OrderLineInput,
  ORDER_TEXT_LIMITS,
  type PrintOrder,
  type PrintOrderErrorCode,
} from "../../storage/print-orders";
import type { User } from "../../storage/users";
import { renderOrderSheetPdf } from "../../templates/documents/order-sheet";
import { parseViDate } from "./admin-settings.server";
import { db } from "./db.server";
import { userMessage } from "./errors.server";
import { formatDateTimeVi, formatPlainDateVi } from "./format";
import { forbidden, notFound } from "./http.server";

// Print orders in the app (issue 13 §2): the list, the office's new-order form, and one order's
// page where the print shop downloads and marks its lines. Storage decides every permission and
// check; this file shapes the pages and turns forms into storage's input, refusals into messages.

/** Who opens the orders pages (a printer sees only its unit's orders: storage narrows it). */
export const ORDER_READERS: readonly Role[] = ["office", "admin", "printer"];

const actorOf = (user: User) => ({ userId: user.id, roles: user.roles });
const todayVi = () => formatPlainDateVi(vnDate(new Date()));

/** HTTP status of a print-order refusal. */
export function refusalStatus(code: PrintOrderErrorCode | null): number {
  if (code === "FORBIDDEN") return 403;
  if (code === "NOT_FOUND") return 404;
  if (code === "INVALID_INPUT" || code === null) return 400;
  return 409;
}

/** Lines per status as the lists show them: only statuses that occur, in the lifecycle's order. */
function statusSummary(counts: Record<LineStatus, number>) {
  return LINE_STATUSES.filter((s) => counts[s] > 0).map((s) => ({
    status: s,
    label: LINE_STATUS_LABELS_VI[s],
    n: counts[s],
  }));
}

function orderHead(o: PrintOrder) {
  return {
    id: o.id,
    code: o.code,
    status: o.status,
    cancelled: o.status === "cancelled",
    printerName: o.printerUnit.name,
    deliverBy: o.deliverBy ? formatPlainDateVi(o.deliverBy) : null,
    note: o.note,
    createdBy: o.createdBy.name,
    createdAt: formatDateTimeVi(o.createdAt),
    lineCount: o.lines.length,
    totalQuantity: o.totalQuantity,
    summary: statusSummary(o.counts),
  };
}

/** The orders page: every order for staff, its own unit's for a print shop. */
export function ordersListPage(user: User) {
  return {
    canCreate: user.roles.includes("office"),
    orders: listOrders(db(), actorOf(user)).map(orderHead),
  };
}

/** The new-order form: published print assets with the places that fit each, print shops, items. */
export function newOrderPage() {
  const handle = db();
  const places = listPlacements(handle, { planId: DEFAULT_PLAN_ID });
  return {
    assets: listOrderableAssets(handle, { planId: DEFAULT_PLAN_ID }).map((a) => ({
      ...a,
      placements: places
        .filter((p) => placementFits(p, a.formatId))
        .map((p) => ({ id: p.id, name: p.name, kindLabel: p.kindLabel, isDemo: p.isDemo })),
    })),
    printers: listUnits(handle)
      .filter((u) => u.kind === "print_shop")
      .map((u) => ({ id: u.id, name: u.name })),
    items: listContentItems(handle, DEFAULT_PLAN_ID).map((i) => ({ id: i.id, code: i.code, title: i.title })),
    limits: { ...ORDER_TEXT_LIMITS, lines: MAX_ORDER_LINES },
  };
}

export type NewOrderPageData = ReturnType<typeof newOrderPage>;

const newOrderSchema = z.object({
  printerUnitId: z.string().max(100),
  deliverBy: z.string().max(40).optional(),
  note: z.string().max(20_000).optional(),
});

/** A form number: digits only (a stray "1.000" or "" is NaN, which storage refuses with its message). */
function count(raw: FormDataEntryValue | null, fallback: number): number {
  if (raw === null || (typeof raw === "string" && raw.trim() === "")) return fallback;
  return typeof raw === "string" && /^\s*\d{1,9}\s*$/.test(raw) ? Number(raw) : Number.NaN;
}

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");

/**
 * One line per ticked `pick` (an asset id): `qty.<id>`, `material.<id>`, `lineNote.<id>`, the
 * ticked `place.<id>` (place ids) with `placeQty.<id>.<placeId>` copies each (default 1).
 */
function linesOf(form: FormData): OrderLineInput[] {
  const picks = [...new Set(form.getAll("pick").map(text).filter(Boolean))].slice(0, MAX_ORDER_LINES + 1);
  return picks.map((id) => ({
    assetId: id,
    quantity: count(form.get(`qty.${id}`), Number.NaN),
    material: text(form.get(`material.${id}`)),
    note: text(form.get(`lineNote.${id}`)),
    placements: [...new Set(form.getAll(`place.${id}`).map(text).filter(Boolean))].map((placementId) => ({
      placementId,
      quantity: count(form.get(`placeQty.${id}.${placementId}`), 1),
    })),
  }));
}

export type FormRefusal = { error: string; status: number };

/**
 * The new-order form → createOrder, then a redirect to the new order's page. Returns the refusal
 * (Vietnamese message and HTTP status) when the form or storage refuses it.
 */
export function createOrderFromForm(user: User, form: FormData): FormRefusal | Response {
  const parsed = newOrderSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: "Thông tin đơn đặt in gửi lên không hợp lệ.", status: 400 };
  const rawDate = parsed.data.deliverBy?.trim() ?? "";
  const deliverBy = rawDate ? parseViDate(rawDate) : null;
  if (rawDate && !deliverBy) {
    return {
      error: `Ngày cần giao “${rawDate.slice(0, 20)}” không phải một ngày có thật (ghi theo dạng ngày/tháng/năm, ví dụ ${todayVi()}).`,
      status: 400,
    };
  }
  try {
    const order = createOrder(db(), {
      actor: actorOf(user),
      planId: DEFAULT_PLAN_ID,
      printerUnitId: parsed.data.printerUnitId,
      deliverBy,
      note: parsed.data.note ?? "",
      lines: linesOf(form),
    });
    return redirect(`/orders/${encodeURIComponent(order.id)}?created=1`);
  } catch (e) {
    return { error: userMessage(e), status: refusalStatus(isPrintOrderError(e) ? e.code : null) };
  }
}

/** What the print shop may download for a line: the true-size PDF and, when published, the 1:10 one. */
function downloadsOf(l: OrderLine) {
  const live = (kind: string) => l.files.some((f) => f.kind === kind && !f.withdrawn);
  return { pdf: live("pdf"), pdfScaled: live("pdf_scaled") };
}

function lineView(l: OrderLine) {
  return {
    id: l.id,
    n: l.n,
    assetId: l.assetId,
    assetCode: l.assetCode,
    title: l.title,
    slogan: l.slogan,
    versionId: l.versionId,
    versionN: l.versionN,
    verifyCode: l.verifyCode,
    formatLabel: l.formatLabel,
    quantity: l.quantity,
    material: l.material,
    note: l.note,
    status: l.status,
    statusLabel: l.statusLabel,
    blocked: l.status === "blocked",
    printedOn: l.printedOn ? formatPlainDateVi(l.printedOn) : null,
    deliveredOn: l.deliveredOn ? formatPlainDateVi(l.deliveredOn) : null,
    placements: l.placements,
    downloads: downloadsOf(l),
  };
}

export type OrderLineView = ReturnType<typeof lineView>;

/** The order as `user` may see it: 404 / 403 pages for an unknown order or another unit's. */
function readOrder(handle: DbHandle, user: User, orderId: string): PrintOrder {
  try {
    return getOrder(handle, orderId, actorOf(user));
  } catch (e) {
    if (isPrintOrderError(e) && e.code === "NOT_FOUND") notFound("Không tìm thấy đơn đặt in này.");
    if (isPrintOrderError(e) && e.code === "FORBIDDEN") forbidden(e.messageVi);
    throw e;
  }
}

/**
 * One order's page. The print shop of the order (`canMark`) gets downloads and the "đã in" /
 * "đã giao" forms; the office (`canCancel`) the cancel button; staff the link to each line's
 * installation record; everyone who sees it the printable sheet (`sheetHref`).
 */
export function orderPage(user: User, orderId: string) {
  const handle = db();
  const o = readOrder(handle, user, orderId);
  const own = user.roles.includes("printer") && user.unitId === o.printerUnit.id;
  const open = o.status === "open";
  return {
    order: orderHead(o),
    lines: o.lines.map(lineView),
    canMark: own && open,
    canCancel: user.roles.includes("office") && open,
    staff: user.roles.some((r) => r !== "printer"),
    sheetHref: `/orders/${encodeURIComponent(o.id)}/sheet.pdf`,
    today: todayVi(),
  };
}

const orderActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("mark"),
    lineId: z.string().min(1).max(100),
    status: z.enum(["printed", "delivered"]),
    on: z.string().max(40),
    note: z.string().max(20_000).optional(),
  }),
  z.object({ intent: z.literal("cancel") }),
]);

export type OrderActionResult = { ok: string; error: null } | { ok: null; error: string; status: number };

/**
 * The order page's forms: `mark` (lineId, status printed | delivered, `on` as dd/mm/yyyy, note) for
 * the print shop, `cancel` for the office. Returns the Vietnamese outcome, or the refusal with its
 * HTTP status.
 */
export function orderAction(user: User, orderId: string, form: FormData): OrderActionResult {
  const parsed = orderActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: null, error: "Thao tác không hợp lệ.", status: 400 };
  const actor = actorOf(user);
  const r = parsed.data;
  try {
    if (r.intent === "cancel") {
      const o = cancelOrder(db(), { actor, orderId });
      return { ok: `Đã hủy đơn ${o.code}.`, error: null };
    }
    const on = parseViDate(r.on);
    if (!on) {
      return {
        ok: null,
        error: `Ngày “${r.on.slice(0, 20)}” không phải một ngày có thật (ghi theo dạng ngày/tháng/năm, ví dụ ${todayVi()}).`,
        status: 400,
      };
    }
    const line = markLine(db(), {
      actor,
      orderId,
      lineId: r.lineId,
      status: r.status,
      on,
      note: r.note ?? null,
    });
    const what = r.status === "printed" ? "đã in" : "đã giao";
    return {
      ok: `Đã xác nhận ${what} dòng ${line.n} (${line.assetCode}) ngày ${formatPlainDateVi(on)}.`,
      error: null,
    };
  } catch (e) {
    return { ok: null, error: userMessage(e), status: refusalStatus(isPrintOrderError(e) ? e.code : null) };
  }
}

/**
 * GET /orders/<id>/sheet.pdf: the printable order (phiếu đặt in, A4) for whoever may see the order
 * (404 / 403 pages otherwise), as an attachment named after its code. The verify addresses on it
 * use PUBLIC_ORIGIN, never the request's host; without it the sheet carries the codes alone.
 */
export async function orderSheetResponse(user: User, orderId: string): Promise<Response> {
  const handle = db();
  const order = readOrder(handle, user, orderId);
  const origin = settings().publicOrigin;
  const pdf = await renderOrderSheetPdf(
    await orderSheetData(handle, order.id, { verifyBaseUrl: origin ? `${origin}/verify` : null }),
  );
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.byteLength),
      "Content-Disposition": contentDisposition(`phieu-dat-in-${order.code}.pdf`),
      "Cache-Control": "private, no-store",
    },
  });
}
