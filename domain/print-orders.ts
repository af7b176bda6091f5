// Print orders (đơn đặt in, issue 13 §2): the office orders published assets from a print shop; each
// line goes ordered → printed → delivered, and installation proof (nghiệm thu) follows per place.

export const ORDER_STATUSES = ["open", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Where one order line stands, derived from its dates (and its asset's state for "blocked"). */
export const LINE_STATUSES = ["ordered", "printed", "delivered", "blocked"] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

export const LINE_STATUS_LABELS_VI: Record<LineStatus, string> = {
  ordered: "Đã đặt in",
  printed: "Đã in",
  delivered: "Đã giao",
  blocked: "Tạm dừng — ấn phẩm đã bị thu hồi",
};

export const INSTALLATION_STATUS_LABELS_VI = {
  installed: "Đã treo/đặt",
  removed: "Đã tháo",
} as const;

/** Order codes read "DI-2026-001": year of the plan, then a running number within it. */
export function orderCode(year: number, n: number): string {
  return `DI-${year}-${String(n).padStart(3, "0")}`;
}

/** The most copies one order line may ask for; more is a typing slip, not an order. */
export const MAX_LINE_QUANTITY = 10_000;
