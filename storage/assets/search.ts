import { sql } from "kysely";
import { FINISHED_STATES } from "../../domain/deadlines";
import { foldVi } from "../../domain/search-fold";
import type { AssetState } from "../../domain/states";
import type { DbHandle } from "../db/connection";
import { all, first } from "../db/sync";

// The asset list every signed-in role opens: filters, a Vietnamese-aware text search, a sort and
// pages. Waiting time needs the moment the asset entered its state: the latest audit row that led
// to it (indexed by migration 007), so nothing denormalised can drift from the audit.

export const ASSET_SORTS = ["updated", "code", "due", "waiting"] as const;
export type AssetSort = (typeof ASSET_SORTS)[number];
export const PAGE_SIZES = [20, 50, 100] as const;

export interface AssetSearch {
  planId?: string;
  contentItemId?: string;
  states?: readonly AssetState[];
  formatId?: string;
  templateId?: string;
  createdBy?: string;
  taskId?: string;
  /** Words to find in code, title and current text; marks and case are ignored (foldVi). */
  text?: string;
  /** "overdue": past its due date (Vietnam's `today`) and not finished. */
  overdueOn?: string;
  /** updated: newest first; code: ascending; due: soonest first; waiting: longest first. */
  sort?: AssetSort;
  /** Flips the sort's natural order. */
  reverse?: boolean;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface AssetListItem {
  id: string;
  code: string;
  title: string;
  state: AssetState;
  templateId: string;
  formatId: string;
  contentItemId: string | null;
  contentItemCode: string | null;
  taskId: string | null;
  dueOn: string | null;
  createdBy: string;
  drafterName: string;
  currentVersionId: string | null;
  currentVersionN: number | null;
  /** content_hash of the current version: a decision from the list is bound to it. */
  currentVersionHash: string | null;
  /** The row_version the list was read at; a decision sent with it is refused if someone acted since. */
  rowVersion: number;
  /** Current slogan text. */
  text: string | null;
  /** ISO instant the asset entered its current state. */
  stateSince: string;
  updatedAt: string;
}

export interface AssetPage {
  items: AssetListItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** Escapes LIKE's wildcards so a search for "50%" means the characters, not "50 and anything". */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(handle: DbHandle, s: AssetSearch) {
  let q = handle.db
    .selectFrom("assets as a")
    .innerJoin("users as u", "u.id", "a.created_by")
    .leftJoin("asset_versions as v", "v.id", "a.current_version_id")
    .leftJoin("content_items as c", "c.id", "a.content_item_id");
  if (s.planId) q = q.where("a.plan_id", "=", s.planId);
  if (s.contentItemId) q = q.where("a.content_item_id", "=", s.contentItemId);
  if (s.states?.length) q = q.where("a.state", "in", [...s.states]);
  if (s.formatId) q = q.where("a.format_id", "=", s.formatId);
  if (s.templateId) q = q.where("a.template_id", "=", s.templateId);
  if (s.createdBy) q = q.where("a.created_by", "=", s.createdBy);
  if (s.taskId) q = q.where("a.task_id", "=", s.taskId);
  if (s.overdueOn) {
    q = q
      .where("a.due_on", "is not", null)
      .where("a.due_on", "<", s.overdueOn)
      .where("a.state", "not in", [...FINISHED_STATES]);
  }
  for (const word of foldVi(s.text ?? "")
    .split(" ")
    .filter(Boolean)
    .slice(0, 8)) {
    q = q.where(sql<boolean>`a.search_key LIKE ${`%${likeEscape(word)}%`} ESCAPE '\\'`);
  }
  return q;
}

/**
 * One page of assets matching `s`, with the total. Units: page is 1-based; pageSize one of
 * PAGE_SIZES (others are clamped to 20…100). Unknown filter values simply match nothing; the route
 * validates them against the catalogue first so the person hears why.
 */
export function searchAssets(handle: DbHandle, s: AssetSearch = {}): AssetPage {
  const pageSize = Math.min(100, Math.max(20, Math.trunc(s.pageSize ?? 20)));
  const page = Math.max(1, Math.trunc(s.page ?? 1));
  const total = Number(
    first(
      handle.conn,
      filtered(handle, s).select((eb) => eb.fn.countAll<number>().as("n")),
    )?.n ?? 0,
  );
  const since = sql<string>`coalesce((SELECT max(e.at) FROM audit_events e WHERE e.asset_id = a.id AND e.to_state = a.state), a.updated_at)`;
  let q = filtered(handle, s).select([
    "a.id",
    "a.code",
    "a.title",
    "a.state",
    "a.template_id",
    "a.format_id",
    "a.content_item_id",
    "c.code as content_item_code",
    "a.task_id",
    "a.due_on",
    "a.created_by",
    "u.display_name",
    "a.current_version_id",
    "v.n as current_version_n",
    "v.content_hash as current_version_hash",
    "a.row_version",
    "v.text",
    since.as("state_since"),
    "a.updated_at",
  ]);
  // Each sort's natural order is what people look for first; `reverse` flips it.
  const flip = (d: "asc" | "desc") => (s.reverse ? (d === "asc" ? "desc" : "asc") : d);
  switch (s.sort ?? "updated") {
    case "code":
      q = q.orderBy("a.code", flip("asc"));
      break;
    case "due":
      // Assets without a deadline last, whichever the direction.
      q = q.orderBy(sql`a.due_on IS NULL`).orderBy("a.due_on", flip("asc"));
      break;
    case "waiting":
      q = q.orderBy("state_since", flip("asc"));
      break;
    default:
      q = q.orderBy("a.updated_at", flip("desc"));
  }
  q = q
    .orderBy("a.code")
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const items = all(handle.conn, q).map(
    (r): AssetListItem => ({
      id: r.id,
      code: r.code,
      title: r.title,
      state: r.state,
      templateId: r.template_id,
      formatId: r.format_id,
      contentItemId: r.content_item_id,
      contentItemCode: r.content_item_code,
      taskId: r.task_id,
      dueOn: r.due_on,
      createdBy: r.created_by,
      drafterName: r.display_name,
      currentVersionId: r.current_version_id,
      currentVersionN: r.current_version_n,
      currentVersionHash: r.current_version_hash,
      rowVersion: r.row_version,
      text: r.text,
      stateSince: r.state_since,
      updatedAt: r.updated_at,
    }),
  );
  return { items, total, page, pageSize };
}
