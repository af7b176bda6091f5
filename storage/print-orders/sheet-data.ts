import type {
  OrderSheetData,
  OrderSheetFile,
  OrderSheetLine,
} from "../../templates/documents/order-sheet-data";
import { type Format, isPrintFormat } from "../../templates/formats";
import { pngThumbnail } from "../../templates/render/thumbnail.server";
import { getVersionFile } from "../assets";
import type { DbHandle } from "../db/connection";
import { first } from "../db/sync";
import { fileNameForKind } from "../objects/keys";
import { knownFormat } from "../print-access/spec";
import { PrintOrderError } from "./errors";
import { loadOrder, type OrderLine } from "./records";

// What the printable order (phiếu đặt in) says, read from the database for
// templates/documents/order-sheet.ts to draw. Who may have it is the caller's check (getOrder).

/** Long side of the thumbnail on the sheet, px. */
const THUMB_PX = 300;

/** How the fabric is finished, in words, by the kind of format; "" for paper. */
function finishing(f: Format | null): string {
  if (!f || !isPrintFormat(f) || f.hemMm === 0) return "";
  if (f.group === "Cờ phướn dọc") return `Viền may ${f.hemMm} mm, may túi luồn cán`;
  if (f.group === "Pano") return `Viền ${f.hemMm} mm, căng khung sắt`;
  return `Viền may ${f.hemMm} mm, đóng khoen ô-dê theo khung`;
}

/** The name the print shop's download of this file carries (as the print library names it). */
export function printFileName(
  line: Pick<OrderLine, "assetCode" | "versionN" | "formatId">,
  kind: OrderSheetFile["kind"],
): string {
  return fileNameForKind(`${line.assetCode}-v${line.versionN}-${line.formatId}`, kind);
}

async function thumbnail(db: DbHandle, versionId: string): Promise<Uint8Array | null> {
  const png = getVersionFile(db, versionId, "png");
  if (!png) return null;
  try {
    return await pngThumbnail(new Uint8Array(png.bytes), THUMB_PX);
  } catch {
    // A proof resvg cannot read must not stop the sheet: the line prints without its picture.
    return null;
  }
}

async function sheetLine(db: DbHandle, l: OrderLine): Promise<OrderSheetLine> {
  const format = knownFormat(l.formatId);
  const print = format && isPrintFormat(format) ? format : null;
  const files: OrderSheetFile[] = l.files
    .filter((f): f is typeof f & { kind: OrderSheetFile["kind"] } => f.kind !== "svg")
    .map((f) => ({
      kind: f.kind,
      fileName: printFileName(l, f.kind),
      sha256: f.sha256,
      sizeBytes: f.size,
      scaleDenominator: f.kind === "pdf_scaled" ? 10 : 1,
    }));
  return {
    n: l.n,
    assetCode: l.assetCode,
    verifyCode: l.verifyCode,
    title: l.title,
    slogan: l.slogan,
    formatLabel: l.formatLabel,
    trimWidthMm: print?.trimWidthMm ?? 0,
    trimHeightMm: print?.trimHeightMm ?? 0,
    bleedMm: print?.bleedMm ?? 0,
    hemMm: print?.hemMm ?? 0,
    safeMarginMm: print?.safeMarginMm ?? 0,
    finishing: finishing(format),
    material: l.material || print?.materialHint || "",
    quantity: l.quantity,
    placements: l.placements.map((p) => ({ name: p.name, kindLabel: p.kindLabel, quantity: p.quantity })),
    files,
    thumbnailPng: await thumbnail(db, l.versionId),
    blocked: l.status === "blocked",
  };
}

/**
 * The order spec sheet's data: issuer (the plan's issuing unit, in capitals), who ordered, the
 * print shop, and per line the format's geometry in mm, material, quantity, places, the published
 * files of the line's version (SHA-256, bytes) and a 300 px thumbnail. `verifyBaseUrl` is the
 * public verify address without the code (from PUBLIC_ORIGIN), or null. Throws PrintOrderError
 * NOT_FOUND for an unknown order.
 */
export async function orderSheetData(
  db: DbHandle,
  orderId: string,
  opts: { verifyBaseUrl?: string | null } = {},
): Promise<OrderSheetData> {
  const order = loadOrder(db, orderId);
  if (!order) throw new PrintOrderError("NOT_FOUND", `order ${orderId} not found`);
  const issuer = first(
    db.conn,
    db.db
      .selectFrom("plans as p")
      .innerJoin("units as u", "u.id", "p.issuing_unit_id")
      .select("u.name")
      .where("p.id", "=", order.planId),
  );
  const lines: OrderSheetLine[] = [];
  // One at a time: each thumbnail is a resvg job, and a sheet has at most 50 lines.
  for (const l of order.lines) lines.push(await sheetLine(db, l));
  return {
    code: order.code,
    createdAt: order.createdAt,
    deliverBy: order.deliverBy,
    issuer: (issuer?.name ?? "").toLocaleUpperCase("vi"),
    orderedBy: {
      name: order.createdBy.name,
      title: order.createdBy.jobTitle,
      unit: order.createdBy.unitName,
    },
    printer: { name: order.printerUnit.name },
    note: order.note,
    lines,
    verifyBaseUrl: opts.verifyBaseUrl ?? null,
  };
}
