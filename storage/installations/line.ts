import type { AssetState } from "../../domain/states";
import type { DbHandle } from "../db/connection";
import type { LineStatus, OrderStatus } from "../../domain/print-orders";
import { type BlockedReason, deriveLineStatus } from "../print-orders/records";
import { InstallationError } from "./errors";

/** An order line as installation proof needs it: the order, the asset and the version ordered. */
export interface InstallationLine {
  lineId: string;
  orderId: string;
  orderCode: string;
  orderStatus: OrderStatus;
  planId: string;
  assetId: string;
  assetCode: string;
  assetTitle: string;
  assetState: AssetState;
  /** The asset's drafter: the one drafter who may record its installation. */
  assetCreatedBy: string;
  contentItemCode: string | null;
  formatId: string;
  versionId: string;
  versionN: number;
  versionHash: string;
  quantity: number;
  /** ISO dates, or null while the print shop has not confirmed. */
  printedOn: string | null;
  deliveredOn: string | null;
  /** As the order pages derive it: blocked (revoked, or the file no longer the published one) before the dates. */
  status: LineStatus;
  blockedReason: BlockedReason | null;
}

/** The line `lineId` with its order, asset and ordered version, or null when there is none. */
export function findLine(handle: DbHandle, lineId: string): InstallationLine | null {
  const row = handle.conn
    .prepare(
      `SELECT l.id AS "lineId", o.id AS "orderId", o.code AS "orderCode", o.status AS "orderStatus", o.plan_id AS "planId",
              a.id AS "assetId", a.code AS "assetCode", a.title AS "assetTitle", a.state AS "assetState",
              a.created_by AS "assetCreatedBy", c.code AS "contentItemCode", a.format_id AS "formatId",
              a.current_version_id AS "currentVersionId", v.id AS "versionId", v.n AS "versionN",
              v.content_hash AS "versionHash", l.quantity, l.printed_on AS "printedOn", l.delivered_on AS "deliveredOn",
              (po.version_id IS NOT NULL) AS "pdfPublished", po.withdrawn_at AS "pdfWithdrawnAt"
         FROM print_order_lines l
         JOIN print_orders o ON o.id = l.order_id
         JOIN assets a ON a.id = l.asset_id
         JOIN asset_versions v ON v.id = l.version_id
         LEFT JOIN content_items c ON c.id = a.content_item_id
         LEFT JOIN published_objects po ON po.version_id = l.version_id AND po.kind = 'pdf'
        WHERE l.id = ?`,
    )
    .get(lineId) as
    | (Omit<InstallationLine, "status" | "blockedReason"> & {
        currentVersionId: string | null;
        pdfPublished: number;
        pdfWithdrawnAt: string | null;
      })
    | undefined;
  if (!row) return null;
  const { currentVersionId, pdfPublished, pdfWithdrawnAt, ...line } = row;
  // The order pages' own rule, so a line reads the same status everywhere.
  const { status, blockedReason } = deriveLineStatus({
    state: line.assetState,
    current_version_id: currentVersionId,
    version_id: line.versionId,
    pdf_published: pdfPublished,
    pdf_withdrawn_at: pdfWithdrawnAt,
    printed_on: line.printedOn,
    delivered_on: line.deliveredOn,
  });
  return { ...line, status, blockedReason };
}

/** As findLine; throws InstallationError NOT_FOUND when the line does not exist. */
export function requireLine(handle: DbHandle, lineId: string): InstallationLine {
  const line = findLine(handle, lineId);
  if (!line) throw new InstallationError("NOT_FOUND", `order line ${lineId} not found`);
  return line;
}

/**
 * Why a new installation cannot be recorded on this line, or null when it can: the order was
 * cancelled (ORDER_CANCELLED); the line is blocked (BLOCKED: the asset was revoked, or the file
 * ordered is no longer the published one); the print shop has not said the copies were delivered
 * (NOT_DELIVERED — decision 033: proof follows delivery, so the report never shows more hung than
 * delivered). Removal and extra photos are not held back by these.
 */
export function lineRefusal(line: InstallationLine): InstallationError | null {
  if (line.orderStatus !== "open")
    return new InstallationError("ORDER_CANCELLED", `${line.orderCode} cancelled`);
  if (line.blockedReason === "revoked") return new InstallationError("BLOCKED", `${line.assetCode} revoked`);
  if (line.blockedReason === "withdrawn") {
    return new InstallationError(
      "BLOCKED",
      `${line.assetCode} v${line.versionN} is no longer the published file`,
      "Bản in của dòng này không còn là bản đang phát hành (ấn phẩm đã có phiên bản mới hoặc file in đã bị rút): không ghi nhận treo/đặt thêm.",
    );
  }
  if (!line.deliveredOn) return new InstallationError("NOT_DELIVERED", `line ${line.lineId} not delivered`);
  return null;
}

export interface LinePlacement {
  placementId: string;
  name: string;
  kind: string;
  address: string;
  /** Copies of the line meant for this place. */
  quantity: number;
}

/** The places the line's copies go to, in the register's order (kind, then name). */
export function linePlacements(handle: DbHandle, lineId: string): LinePlacement[] {
  return handle.conn
    .prepare(
      `SELECT p.id AS "placementId", p.name, p.kind, p.address, lp.quantity
         FROM print_order_line_placements lp JOIN placements p ON p.id = lp.placement_id
        WHERE lp.line_id = ? ORDER BY p.kind, p.name`,
    )
    .all(lineId) as LinePlacement[];
}

/** The line's place `placementId`; throws InstallationError NOT_FOUND when the line does not go there. */
export function requireLinePlacement(handle: DbHandle, lineId: string, placementId: string): LinePlacement {
  const found = linePlacements(handle, lineId).find((p) => p.placementId === placementId);
  if (!found) throw new InstallationError("NOT_FOUND", `placement ${placementId} is not on line ${lineId}`);
  return found;
}
