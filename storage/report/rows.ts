import type { AssetState } from "../../domain/states";
import type { DbHandle } from "../db/connection";
import { all } from "../db/sync";

// The raw rows the plan report is computed from, one query per table, all scoped to one plan.
// Small by nature (a commune's year is hundreds of designs), so the counting happens in code
// where each rule can be read in one place (./plan-report.ts).

export interface AssetRow {
  id: string;
  code: string;
  title: string;
  contentItemId: string | null;
  contentItemCode: string | null;
  taskId: string | null;
  taskNumber: number | null;
  formatId: string;
  state: AssetState;
  /** ISO UTC. */
  createdAt: string;
  /** ISO date or null. */
  dueOn: string | null;
  /** ISO UTC of the asset's APPROVE / PUBLISHED audit event (each happens at most once), or null. */
  approvedAt: string | null;
  publishedAt: string | null;
}

export interface LineRow {
  assetId: string;
  quantity: number;
  printedOn: string | null;
  deliveredOn: string | null;
}

export interface InstallationRow {
  assetId: string;
  placeName: string;
  placeKind: string;
  address: string;
  installedOn: string;
  removedOn: string | null;
  photos: number;
  /** The first photo taken there (the one the report shows), or null. */
  photoId: string | null;
}

export interface PostRow {
  assetId: string;
  channel: string;
  url: string;
  postedOn: string;
}

/** Every asset of the plan (code order) with its item, task, format, state, dates and first APPROVE / PUBLISHED instants. */
export function assetRows(handle: DbHandle, planId: string): AssetRow[] {
  const { conn, db } = handle;
  const assets = all(
    conn,
    db
      .selectFrom("assets as a")
      .leftJoin("content_items as c", "c.id", "a.content_item_id")
      .leftJoin("tasks as t", "t.id", "a.task_id")
      .select([
        "a.id",
        "a.code",
        "a.title",
        "a.content_item_id",
        "c.code as item_code",
        "a.task_id",
        "t.number as task_number",
        "a.format_id",
        "a.state",
        "a.created_at",
        "a.due_on",
      ])
      .where("a.plan_id", "=", planId)
      .orderBy("a.code"),
  );
  const events = all(
    conn,
    db
      .selectFrom("audit_events as e")
      .innerJoin("assets as a", "a.id", "e.asset_id")
      .select(["e.asset_id", "e.action", (eb) => eb.fn.min<string>("e.at").as("at")])
      .where("a.plan_id", "=", planId)
      .where("e.action", "in", ["APPROVE", "PUBLISHED"])
      .groupBy(["e.asset_id", "e.action"]),
  );
  const at = new Map(events.map((e) => [`${e.asset_id}|${e.action}`, e.at]));
  return assets.map((a) => ({
    id: a.id,
    code: a.code,
    title: a.title,
    contentItemId: a.content_item_id,
    contentItemCode: a.item_code,
    taskId: a.task_id,
    taskNumber: a.task_number,
    formatId: a.format_id,
    state: a.state,
    createdAt: a.created_at,
    dueOn: a.due_on,
    approvedAt: at.get(`${a.id}|APPROVE`) ?? null,
    publishedAt: at.get(`${a.id}|PUBLISHED`) ?? null,
  }));
}

/** Lines of the plan's orders that were not cancelled. */
export function lineRows(handle: DbHandle, planId: string): LineRow[] {
  return all(
    handle.conn,
    handle.db
      .selectFrom("print_order_lines as l")
      .innerJoin("print_orders as o", "o.id", "l.order_id")
      .select(["l.asset_id", "l.quantity", "l.printed_on", "l.delivered_on"])
      .where("o.plan_id", "=", planId)
      .where("o.status", "!=", "cancelled"),
  ).map((r) => ({
    assetId: r.asset_id,
    quantity: r.quantity,
    printedOn: r.printed_on,
    deliveredOn: r.delivered_on,
  }));
}

/** Installations of the plan's assets with their place and photo count, by installation date. */
export function installationRows(handle: DbHandle, planId: string): InstallationRow[] {
  return all(
    handle.conn,
    handle.db
      .selectFrom("installations as i")
      .innerJoin("assets as a", "a.id", "i.asset_id")
      .innerJoin("placements as p", "p.id", "i.placement_id")
      .select((eb) => [
        "i.asset_id",
        "p.name",
        "p.kind",
        "p.address",
        "i.installed_on",
        "i.removed_on",
        eb
          .selectFrom("installation_photos as ph")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("ph.installation_id", "=", "i.id")
          .as("photos"),
        eb
          .selectFrom("installation_photos as ph")
          .select("ph.id")
          .whereRef("ph.installation_id", "=", "i.id")
          .orderBy("ph.created_at")
          .orderBy("ph.id")
          .limit(1)
          .as("photo_id"),
      ])
      .where("a.plan_id", "=", planId)
      .orderBy("i.installed_on")
      .orderBy("a.code")
      .orderBy("p.name"),
  ).map((r) => ({
    assetId: r.asset_id,
    placeName: r.name,
    placeKind: r.kind,
    address: r.address,
    installedOn: r.installed_on,
    removedOn: r.removed_on,
    photos: Number(r.photos ?? 0),
    photoId: r.photo_id ?? null,
  }));
}

/** "Đã đăng" records of the plan's assets, by posting date. */
export function postRows(handle: DbHandle, planId: string): PostRow[] {
  return all(
    handle.conn,
    handle.db
      .selectFrom("social_posts as s")
      .innerJoin("assets as a", "a.id", "s.asset_id")
      .select(["s.asset_id", "s.channel", "s.url", "s.posted_on"])
      .where("a.plan_id", "=", planId)
      .orderBy("s.posted_on")
      .orderBy("a.code")
      .orderBy("s.channel"),
  ).map((r) => ({ assetId: r.asset_id, channel: r.channel, url: r.url, postedOn: r.posted_on }));
}
