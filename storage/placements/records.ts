import { SITE_KIND_LABELS_VI, SITE_KINDS, type SiteKind } from "../../domain/placements";
import type { DbHandle } from "../db/connection";
import { all, first } from "../db/sync";

/** One place of the register (issue 13 §1). Coordinates in WGS 84 degrees; times ISO UTC. */
export interface PlacementRecord {
  id: string;
  planId: string;
  kind: SiteKind;
  kindLabel: string;
  name: string;
  /** Address or road segment; "" when not given. */
  address: string;
  lat: number | null;
  lng: number | null;
  /** The frame there, in words ("khung 1,2 × 10 m"); "" when not given. */
  frameText: string;
  /** Format ids whose files fit there; empty = any format. */
  formatIds: string[];
  note: string;
  /** A seeded demo place: shown with a "Dữ liệu mẫu" badge, never an official name. */
  isDemo: boolean;
  active: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

function parseFormatIds(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function toRecord(r: {
  id: string;
  plan_id: string;
  kind: SiteKind;
  name: string;
  address: string;
  lat: number | null;
  lng: number | null;
  frame_text: string;
  format_ids_json: string;
  note: string;
  is_demo: number;
  active: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}): PlacementRecord {
  return {
    id: r.id,
    planId: r.plan_id,
    kind: r.kind,
    kindLabel: SITE_KIND_LABELS_VI[r.kind] ?? r.kind,
    name: r.name,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    frameText: r.frame_text,
    formatIds: parseFormatIds(r.format_ids_json),
    note: r.note,
    isDemo: r.is_demo === 1,
    active: r.active === 1,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The place with that id (active or not), or null. */
export function getPlacement(db: DbHandle, id: string): PlacementRecord | null {
  const r = first(db.conn, db.db.selectFrom("placements").selectAll().where("id", "=", id));
  return r ? toRecord(r) : null;
}

export interface PlacementFilter {
  planId: string;
  /** Also list places taken out of use (default false). */
  includeInactive?: boolean;
  kind?: SiteKind;
}

/** The plan's places in the order the register shows them: by kind (SITE_KINDS), then name. */
export function listPlacements(db: DbHandle, filter: PlacementFilter): PlacementRecord[] {
  let q = db.db.selectFrom("placements").selectAll().where("plan_id", "=", filter.planId);
  if (!filter.includeInactive) q = q.where("active", "=", 1);
  if (filter.kind) q = q.where("kind", "=", filter.kind);
  const rank = (k: SiteKind) => SITE_KINDS.indexOf(k);
  return all(db.conn, q)
    .map(toRecord)
    .sort((a, b) => rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name, "vi"));
}

/** Whether a file of `formatId` fits the place: it lists no formats, or lists this one. */
export function placementFits(p: Pick<PlacementRecord, "formatIds">, formatId: string): boolean {
  return p.formatIds.length === 0 || p.formatIds.includes(formatId);
}
