import { SITE_KIND_LABELS_VI, type SiteKind } from "../../domain/placements";
import { LINE_STATUS_LABELS_VI, type LineStatus, type OrderStatus } from "../../domain/print-orders";
import type { AssetState } from "../../domain/states";
import { knownFormat } from "../print-access/spec";
import type { DbHandle } from "../db/connection";
import type { FileKind } from "../db/schema";

// Reading orders back: one query for the lines of any number of orders, with what decides each
// line's status (its dates, and whether its asset is still published with the very version the
// line was bound to). Nothing here checks who asks: ./access does, before calling.

/** Why a line must not be printed: the asset was revoked, or its print file withdrawn or replaced. */
export type BlockedReason = "revoked" | "withdrawn";

export interface OrderLinePlacement {
  placementId: string;
  name: string;
  kind: SiteKind;
  kindLabel: string;
  /** Copies for this place. */
  quantity: number;
  isDemo: boolean;
}

/** A published file of the line's version. Sizes in bytes; hashes SHA-256 hex. */
export interface OrderLineFile {
  kind: FileKind;
  sha256: string;
  size: number;
  withdrawn: boolean;
}

/** One line of an order: a published version × quantity, and where its copies go. Dates are ISO. */
export interface OrderLine {
  id: string;
  orderId: string;
  /** 1-based position in the order. */
  n: number;
  assetId: string;
  assetCode: string;
  title: string;
  assetState: AssetState;
  versionId: string;
  versionN: number;
  /** The slogan as printed in that version. */
  slogan: string;
  verifyCode: string;
  contentHash: string;
  formatId: string;
  formatLabel: string;
  quantity: number;
  material: string;
  note: string;
  printedOn: string | null;
  deliveredOn: string | null;
  status: LineStatus;
  statusLabel: string;
  blockedReason: BlockedReason | null;
  placements: OrderLinePlacement[];
  files: OrderLineFile[];
}

/** An order with its lines. Times ISO UTC; `deliverBy` an ISO date or null. */
export interface PrintOrder {
  id: string;
  code: string;
  planId: string;
  status: OrderStatus;
  printerUnit: { id: string; name: string };
  deliverBy: string | null;
  note: string;
  createdBy: { id: string; name: string; jobTitle: string | null; unitName: string | null };
  createdAt: string;
  updatedAt: string;
  lines: OrderLine[];
  /** Lines per status. */
  counts: Record<LineStatus, number>;
  /** Copies over all lines. */
  totalQuantity: number;
}

interface OrderRow {
  id: string;
  code: string;
  plan_id: string;
  status: OrderStatus;
  printer_unit_id: string;
  printer_name: string;
  deliver_by: string | null;
  note: string;
  created_by: string;
  creator_name: string;
  creator_title: string | null;
  creator_unit: string | null;
  created_at: string;
  updated_at: string;
}

interface LineRow {
  id: string;
  order_id: string;
  sort_order: number;
  asset_id: string;
  version_id: string;
  quantity: number;
  material: string;
  note: string;
  printed_on: string | null;
  delivered_on: string | null;
  asset_code: string;
  title: string;
  state: AssetState;
  format_id: string;
  current_version_id: string | null;
  version_n: number;
  slogan: string;
  verify_code: string;
  content_hash: string;
  pdf_published: number;
  pdf_withdrawn_at: string | null;
}

const ORDER_SQL = `SELECT o.id, o.code, o.plan_id, o.status, o.printer_unit_id, pu.name AS printer_name, o.deliver_by,
    o.note, o.created_by, u.display_name AS creator_name, u.job_title AS creator_title, cu.name AS creator_unit,
    o.created_at, o.updated_at
  FROM print_orders o
  JOIN units pu ON pu.id = o.printer_unit_id
  JOIN users u ON u.id = o.created_by
  LEFT JOIN units cu ON cu.id = u.unit_id`;

/** Where a line stands: blocked (and why) before anything else, then by its dates. */
export function deriveLineStatus(r: {
  state: AssetState;
  current_version_id: string | null;
  version_id: string;
  pdf_published: number;
  pdf_withdrawn_at: string | null;
  printed_on: string | null;
  delivered_on: string | null;
}): { status: LineStatus; blockedReason: BlockedReason | null } {
  if (r.state === "revoked") return { status: "blocked", blockedReason: "revoked" };
  const stillPublished =
    r.state === "published" &&
    r.current_version_id === r.version_id &&
    r.pdf_published === 1 &&
    r.pdf_withdrawn_at === null;
  if (!stillPublished) return { status: "blocked", blockedReason: "withdrawn" };
  if (r.delivered_on) return { status: "delivered", blockedReason: null };
  return { status: r.printed_on ? "printed" : "ordered", blockedReason: null };
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(",");
}

function lineRows(db: DbHandle, orderIds: readonly string[]): LineRow[] {
  if (orderIds.length === 0) return [];
  return db.conn
    .prepare(
      `SELECT l.id, l.order_id, l.sort_order, l.asset_id, l.version_id, l.quantity, l.material, l.note,
         l.printed_on, l.delivered_on, a.code AS asset_code, a.title, a.state, a.format_id, a.current_version_id,
         v.n AS version_n, v.text AS slogan, v.verify_code, v.content_hash,
         (po.version_id IS NOT NULL) AS pdf_published, po.withdrawn_at AS pdf_withdrawn_at
       FROM print_order_lines l
       JOIN assets a ON a.id = l.asset_id
       JOIN asset_versions v ON v.id = l.version_id
       LEFT JOIN published_objects po ON po.version_id = l.version_id AND po.kind = 'pdf'
       WHERE l.order_id IN (${placeholders(orderIds.length)})
       ORDER BY l.order_id, l.sort_order`,
    )
    .all(...orderIds) as LineRow[];
}

function linePlacements(db: DbHandle, lineIds: readonly string[]): Map<string, OrderLinePlacement[]> {
  const out = new Map<string, OrderLinePlacement[]>();
  if (lineIds.length === 0) return out;
  const rows = db.conn
    .prepare(
      `SELECT lp.line_id, lp.placement_id, lp.quantity, p.name, p.kind, p.is_demo
       FROM print_order_line_placements lp JOIN placements p ON p.id = lp.placement_id
       WHERE lp.line_id IN (${placeholders(lineIds.length)}) ORDER BY p.kind, p.name`,
    )
    .all(...lineIds) as {
    line_id: string;
    placement_id: string;
    quantity: number;
    name: string;
    kind: SiteKind;
    is_demo: number;
  }[];
  for (const r of rows) {
    const list = out.get(r.line_id) ?? [];
    list.push({
      placementId: r.placement_id,
      name: r.name,
      kind: r.kind,
      kindLabel: SITE_KIND_LABELS_VI[r.kind] ?? r.kind,
      quantity: r.quantity,
      isDemo: r.is_demo === 1,
    });
    out.set(r.line_id, list);
  }
  return out;
}

function versionFiles(db: DbHandle, versionIds: readonly string[]): Map<string, OrderLineFile[]> {
  const out = new Map<string, OrderLineFile[]>();
  if (versionIds.length === 0) return out;
  const rows = db.conn
    .prepare(
      `SELECT version_id, kind, sha256, size, withdrawn_at FROM published_objects
       WHERE version_id IN (${placeholders(versionIds.length)}) AND kind != 'svg' ORDER BY kind`,
    )
    .all(...versionIds) as {
    version_id: string;
    kind: FileKind;
    sha256: string;
    size: number;
    withdrawn_at: string | null;
  }[];
  for (const r of rows) {
    const list = out.get(r.version_id) ?? [];
    list.push({ kind: r.kind, sha256: r.sha256, size: r.size, withdrawn: r.withdrawn_at !== null });
    out.set(r.version_id, list);
  }
  return out;
}

function emptyCounts(): Record<LineStatus, number> {
  return { ordered: 0, printed: 0, delivered: 0, blocked: 0 };
}

function toOrders(db: DbHandle, orders: OrderRow[]): PrintOrder[] {
  const lines = lineRows(
    db,
    orders.map((o) => o.id),
  );
  const places = linePlacements(
    db,
    lines.map((l) => l.id),
  );
  const files = versionFiles(db, [...new Set(lines.map((l) => l.version_id))]);
  const byOrder = new Map<string, OrderLine[]>();
  for (const r of lines) {
    const { status, blockedReason } = deriveLineStatus(r);
    const list = byOrder.get(r.order_id) ?? [];
    list.push({
      id: r.id,
      orderId: r.order_id,
      n: list.length + 1,
      assetId: r.asset_id,
      assetCode: r.asset_code,
      title: r.title,
      assetState: r.state,
      versionId: r.version_id,
      versionN: r.version_n,
      slogan: r.slogan,
      verifyCode: r.verify_code,
      contentHash: r.content_hash,
      formatId: r.format_id,
      formatLabel: knownFormat(r.format_id)?.label ?? r.format_id,
      quantity: r.quantity,
      material: r.material,
      note: r.note,
      printedOn: r.printed_on,
      deliveredOn: r.delivered_on,
      status,
      statusLabel: LINE_STATUS_LABELS_VI[status],
      blockedReason,
      placements: places.get(r.id) ?? [],
      files: files.get(r.version_id) ?? [],
    });
    byOrder.set(r.order_id, list);
  }
  return orders.map((o) => {
    const ls = byOrder.get(o.id) ?? [];
    const counts = emptyCounts();
    for (const l of ls) counts[l.status]++;
    return {
      id: o.id,
      code: o.code,
      planId: o.plan_id,
      status: o.status,
      printerUnit: { id: o.printer_unit_id, name: o.printer_name },
      deliverBy: o.deliver_by,
      note: o.note,
      createdBy: {
        id: o.created_by,
        name: o.creator_name,
        jobTitle: o.creator_title,
        unitName: o.creator_unit,
      },
      createdAt: o.created_at,
      updatedAt: o.updated_at,
      lines: ls,
      counts,
      totalQuantity: ls.reduce((n, l) => n + l.quantity, 0),
    };
  });
}

/** The order with its lines, or null; no permission check (callers check with ./access first). */
export function loadOrder(db: DbHandle, orderId: string): PrintOrder | null {
  const row = db.conn.prepare(`${ORDER_SQL} WHERE o.id = ?`).get(orderId) as OrderRow | undefined;
  return row ? toOrders(db, [row])[0]! : null;
}

/** Orders newest first, all of them or those for one print-shop unit; no permission check. */
export function loadOrders(
  db: DbHandle,
  filter: { printerUnitId?: string; status?: OrderStatus; limit?: number } = {},
): PrintOrder[] {
  const rows = db.conn
    .prepare(
      `${ORDER_SQL}
       WHERE (? IS NULL OR o.printer_unit_id = ?) AND (? IS NULL OR o.status = ?)
       ORDER BY o.created_at DESC, o.code DESC LIMIT ?`,
    )
    .all(
      filter.printerUnitId ?? null,
      filter.printerUnitId ?? null,
      filter.status ?? null,
      filter.status ?? null,
      filter.limit ?? 500,
    ) as OrderRow[];
  return toOrders(db, rows);
}
