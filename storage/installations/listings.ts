import type { DbHandle } from "../db/connection";
import { all } from "../db/sync";
import { type LinePlacement, linePlacements } from "./line";

// What the pages and the report read of installation proof. Photos are named by id; their bytes
// come through openPhoto, after a permission check.

export interface InstallationPhotoView {
  id: string;
  width: number;
  height: number;
  /** Bytes of the stored JPEG. */
  size: number;
  sha256: string;
  /** "YYYY-MM-DDTHH:MM:SS" as the camera's clock read, or null. */
  capturedAt: string | null;
  /** Only when the uploader kept the position. */
  lat: number | null;
  lng: number | null;
  uploadedBy: string;
  /** ISO UTC. */
  createdAt: string;
}

export interface InstallationView {
  id: string;
  lineId: string;
  orderId: string;
  orderCode: string;
  placementId: string;
  placementName: string;
  placementKind: string;
  assetId: string;
  assetCode: string;
  assetTitle: string;
  versionN: number;
  /** ISO dates. */
  installedOn: string;
  removedOn: string | null;
  note: string;
  /** Display names. */
  installedBy: string;
  removedBy: string | null;
  photos: InstallationPhotoView[];
}

type Filter = { lineId: string } | { placementId: string } | { assetId: string };

function installationsWhere(handle: DbHandle, filter: Filter): InstallationView[] {
  let q = handle.db
    .selectFrom("installations as i")
    .innerJoin("print_order_lines as l", "l.id", "i.line_id")
    .innerJoin("print_orders as o", "o.id", "l.order_id")
    .innerJoin("placements as p", "p.id", "i.placement_id")
    .innerJoin("assets as a", "a.id", "i.asset_id")
    .innerJoin("asset_versions as v", "v.id", "i.version_id")
    .innerJoin("users as ib", "ib.id", "i.installed_by")
    .leftJoin("users as rb", "rb.id", "i.removed_by")
    .select([
      "i.id",
      "i.line_id as lineId",
      "o.id as orderId",
      "o.code as orderCode",
      "p.id as placementId",
      "p.name as placementName",
      "p.kind as placementKind",
      "a.id as assetId",
      "a.code as assetCode",
      "a.title as assetTitle",
      "v.n as versionN",
      "i.installed_on as installedOn",
      "i.removed_on as removedOn",
      "i.note",
      "ib.display_name as installedBy",
      "rb.display_name as removedBy",
    ]);
  if ("lineId" in filter) q = q.where("i.line_id", "=", filter.lineId);
  else if ("placementId" in filter) q = q.where("i.placement_id", "=", filter.placementId);
  else q = q.where("i.asset_id", "=", filter.assetId);
  const rows = all(handle.conn, q.orderBy("i.installed_on", "desc").orderBy("i.created_at", "desc"));
  if (rows.length === 0) return [];
  const photos = all(
    handle.conn,
    handle.db
      .selectFrom("installation_photos as ph")
      .innerJoin("users as u", "u.id", "ph.uploaded_by")
      .select([
        "ph.id",
        "ph.installation_id as installationId",
        "ph.width",
        "ph.height",
        "ph.size",
        "ph.sha256",
        "ph.captured_at as capturedAt",
        "ph.lat",
        "ph.lng",
        "u.display_name as uploadedBy",
        "ph.created_at as createdAt",
      ])
      .where(
        "ph.installation_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("ph.created_at")
      .orderBy("ph.id"),
  );
  return rows.map((r) => ({
    ...r,
    photos: photos.filter((p) => p.installationId === r.id).map(({ installationId: _, ...p }) => p),
  }));
}

/** The asset's installations (newest first), each with its photos: the asset page's section. */
export function installationsForAsset(handle: DbHandle, assetId: string): InstallationView[] {
  return installationsWhere(handle, { assetId });
}

/** What hung at a place over time (newest first), with photos: the placement's page. */
export function installationsForPlacement(handle: DbHandle, placementId: string): InstallationView[] {
  return installationsWhere(handle, { placementId });
}

/** Every photo of an asset with where and when it was hung, newest installation first (the report's picture). */
export function photosForAsset(
  handle: DbHandle,
  assetId: string,
): (InstallationPhotoView & { installationId: string; placementName: string; installedOn: string })[] {
  return installationsForAsset(handle, assetId).flatMap((i) =>
    i.photos.map((p) => ({
      ...p,
      installationId: i.id,
      placementName: i.placementName,
      installedOn: i.installedOn,
    })),
  );
}

export interface LinePlacementStatus extends LinePlacement {
  /** The proof recorded there, or null while the copy is not reported hung. */
  installation: InstallationView | null;
}

/** The line's places, each with its installation (or null): the order line's page. */
export function installationsForLine(handle: DbHandle, lineId: string): LinePlacementStatus[] {
  const recorded = installationsWhere(handle, { lineId });
  return linePlacements(handle, lineId).map((p) => ({
    ...p,
    installation: recorded.find((i) => i.placementId === p.placementId) ?? null,
  }));
}

export interface InstallationCount {
  assetId: string;
  contentItemId: string | null;
  taskId: string | null;
  /** Installations recorded (places where a copy was hung), removed ones included. */
  installed: number;
  /** Of those, taken down since. */
  removed: number;
  /** Photos kept for them. */
  photos: number;
}

/**
 * Per asset of the plan that has any installation: how many places it was hung at, how many it
 * was taken down from, and how many photos prove it. Assets without installations are absent.
 */
export function installationCounts(handle: DbHandle, planId: string): InstallationCount[] {
  return handle.conn
    .prepare(
      `SELECT a.id AS "assetId", a.content_item_id AS "contentItemId", a.task_id AS "taskId",
              COUNT(*) AS installed,
              SUM(CASE WHEN i.removed_on IS NOT NULL THEN 1 ELSE 0 END) AS removed,
              COALESCE(SUM((SELECT COUNT(*) FROM installation_photos ph WHERE ph.installation_id = i.id)), 0) AS photos
         FROM installations i JOIN assets a ON a.id = i.asset_id
        WHERE a.plan_id = ?
        GROUP BY a.id
        ORDER BY a.code`,
    )
    .all(planId) as InstallationCount[];
}
