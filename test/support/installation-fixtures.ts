import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { runPublisherOnce } from "../../jobs/publisher";
import { getAsset } from "../../storage/assets";
import type { DbHandle } from "../../storage/db/connection";
import { exec } from "../../storage/db/sync";
import { FolderObjectStore } from "../../storage/objects/index.server";
import { approvedAsset } from "./approved-asset";
import { USERS } from "./db";

// Orders, lines and places written straight with Kysely (the print-order service is another
// helper's), and phone-like photos made with sharp at test time, for installation proof tests.

/** A folder object store in a temp dir, and how to remove it. */
export function tempObjectStore(): { store: FolderObjectStore; root: string; cleanup(): void } {
  const root = mkdtempSync(path.join(tmpdir(), "installations-objects-"));
  return {
    store: new FolderObjectStore({ root }),
    root,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** An asset of the seeded plan (banner 1 × 7 m), approved by the demo users and published into `store`. */
export async function publishedAsset(handle: DbHandle, store: FolderObjectStore, label: string) {
  const a = approvedAsset(handle, label);
  const run = await runPublisherOnce({ db: handle, store });
  if (run.published < 1) throw new Error(`publishing ${label} failed: ${JSON.stringify(run)}`);
  return a;
}

/** A place of the seeded plan's register (demo row). */
export function addPlacement(
  handle: DbHandle,
  name: string,
  kind: "road" | "office" | "village_hall" = "road",
): string {
  const id = `pl-${randomUUID()}`;
  const at = new Date().toISOString();
  exec(
    handle.conn,
    handle.db.insertInto("placements").values({
      id,
      plan_id: "cchc-2026",
      kind,
      name,
      address: `${name}, xã Lạc Phượng (dữ liệu mẫu)`,
      lat: null,
      lng: null,
      is_demo: 1,
      created_by: USERS.office,
      created_at: at,
      updated_at: at,
    }),
  );
  return id;
}

let orderN = 0;

/**
 * An open order of one line for `assetId`'s current version to the seeded print shop, going to
 * `placementIds`; `stage` says how far the print shop got (dates in the past, so any recent day
 * may be the installation day).
 */
export function addOrderLine(
  handle: DbHandle,
  assetId: string,
  placementIds: string[],
  stage: "ordered" | "printed" | "delivered" = "delivered",
): { orderId: string; lineId: string } {
  const asset = getAsset(handle, assetId);
  if (!asset?.currentVersionId) throw new Error(`asset ${assetId} has no version`);
  const orderId = randomUUID();
  const lineId = randomUUID();
  const at = new Date().toISOString();
  exec(
    handle.conn,
    handle.db.insertInto("print_orders").values({
      id: orderId,
      code: `DI-2026-T${process.pid}-${++orderN}`,
      plan_id: "cchc-2026",
      printer_unit_id: "don-vi-in",
      deliver_by: null,
      created_by: USERS.office,
      created_at: at,
      updated_at: at,
    }),
  );
  exec(
    handle.conn,
    handle.db.insertInto("print_order_lines").values({
      id: lineId,
      order_id: orderId,
      sort_order: 1,
      asset_id: assetId,
      version_id: asset.currentVersionId,
      quantity: placementIds.length,
      printed_on: stage === "ordered" ? null : "2026-01-05",
      delivered_on: stage === "delivered" ? "2026-01-06" : null,
    }),
  );
  for (const placementId of placementIds) {
    exec(
      handle.conn,
      handle.db
        .insertInto("print_order_line_placements")
        .values({ line_id: lineId, placement_id: placementId }),
    );
  }
  return { orderId, lineId };
}

/** A published asset with one delivered line to two new places. */
export async function deliveredLine(handle: DbHandle, store: FolderObjectStore, label: string) {
  const asset = await publishedAsset(handle, store, label);
  const places = [
    addPlacement(handle, `Cổng UBND ${label}`, "office"),
    addPlacement(handle, `Trục đường ${label}`),
  ];
  return { asset, places, ...addOrderLine(handle, asset.assetId, places) };
}

export interface PhonePhotoOptions {
  width?: number;
  height?: number;
  /** EXIF Orientation (6 = the phone was held upright, pixels stored sideways). */
  orientation?: number;
  /** "2026:03:05 14:22:10", as cameras write DateTimeOriginal. */
  takenAt?: string;
  /** Decimal degrees; written as EXIF GPS rationals with N/S and E/W references. */
  gps?: { lat: number; lng: number };
  colour?: string;
  /** A picture to start from (any format sharp reads) instead of a plain colour. */
  from?: Buffer;
}

function rational(deg: number): string {
  const d = Math.floor(deg);
  const mFloat = (deg - d) * 60;
  const m = Math.floor(mFloat);
  const s = Math.round((mFloat - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
}

/** A JPEG as a phone writes it: camera make and serial, capture time, GPS, orientation. */
export function phonePhoto(o: PhonePhotoOptions = {}): Promise<Buffer> {
  const exif = {
    IFD0: { Make: "TestPhone", Model: "TP-1", Software: "camera 1.0" },
    IFD2: {
      DateTimeOriginal: o.takenAt ?? "2026:03:05 14:22:10",
      BodySerialNumber: "SN-SECRET-12345",
    },
    ...(o.gps
      ? {
          IFD3: {
            GPSLatitudeRef: o.gps.lat < 0 ? "S" : "N",
            GPSLatitude: rational(Math.abs(o.gps.lat)),
            GPSLongitudeRef: o.gps.lng < 0 ? "W" : "E",
            GPSLongitude: rational(Math.abs(o.gps.lng)),
          },
        }
      : {}),
  };
  const base = o.from
    ? sharp(o.from)
    : sharp({
        create: {
          width: o.width ?? 1200,
          height: o.height ?? 900,
          channels: 3,
          background: o.colour ?? "#b3121b",
        },
      });
  let img = base.withExif(exif);
  if (o.orientation) img = img.withMetadata({ orientation: o.orientation });
  return img.jpeg({ quality: 90 }).toBuffer();
}
