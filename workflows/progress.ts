import type { AssetState } from "../domain/states";
import { vnDate } from "../domain/working-days";
import { searchAssets } from "../storage/assets/search";
import type { DbHandle } from "../storage/db";
import { type FormatKind, getFormat } from "../templates/formats";

// How far the plan has come: assets the leadership approved against all those still alive.

/** Approved (waiting for the publisher) or published. */
export const DONE_STATES: readonly AssetState[] = ["approved", "published"];
/** On their way; rejected and revoked assets count for neither. */
export const IN_PROGRESS_STATES: readonly AssetState[] = [
  "draft",
  "office_review",
  "awaiting_approval",
  "returned",
  "withdrawn",
];

export interface Progress {
  inProgress: number;
  done: number;
  /** inProgress + done. */
  total: number;
}

export function progressOf(counts: Partial<Record<AssetState, number>>): Progress {
  const sum = (states: readonly AssetState[]) => states.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const inProgress = sum(IN_PROGRESS_STATES);
  const done = sum(DONE_STATES);
  return { inProgress, done, total: inProgress + done };
}

/** Task 2 of the plan's table is the online channel (portal, social media): its visual products are screen formats. */
export const TASK_FORMAT_KINDS: Readonly<Record<number, readonly FormatKind[]>> = { 2: ["screen"] };

/** A format's kind, custom sizes included; null for an id the catalogue does not know. */
function kindOf(formatId: string): FormatKind | null {
  try {
    return getFormat(formatId).kind;
  } catch {
    return null;
  }
}

export interface FormatStateCount {
  formatId: string;
  state: AssetState;
  n: number;
}

/**
 * A task's visual products: the plan's assets in the task's format kinds (an unknown format counts
 * for no task). Null for a task that has none.
 */
export function taskProgress(taskNumber: number, counts: readonly FormatStateCount[]): Progress | null {
  const kinds = TASK_FORMAT_KINDS[taskNumber];
  if (!kinds) return null;
  const byState: Partial<Record<AssetState, number>> = {};
  for (const c of counts) {
    const kind = kindOf(c.formatId);
    if (kind && kinds.includes(kind)) byState[c.state] = (byState[c.state] ?? 0) + c.n;
  }
  return progressOf(byState);
}

/**
 * Overdue assets per content item of a plan at `now`: past their "cần hoàn thành trước" date in
 * Vietnam and not finished (domain/deadlines isOverdue, applied by searchAssets' `overdueOn`).
 * Keys are content item ids; items with none overdue are absent, assets without an item too.
 */
export function overdueByContentItem(
  handle: DbHandle,
  planId: string,
  now: Date = new Date(),
): Map<string, number> {
  const out = new Map<string, number>();
  const overdueOn = vnDate(now);
  // Pages of 100 until all are read: overdue assets are few, so this is one query in practice.
  for (let page = 1; ; page++) {
    const p = searchAssets(handle, { planId, overdueOn, sort: "code", page, pageSize: 100 });
    for (const a of p.items)
      if (a.contentItemId) out.set(a.contentItemId, (out.get(a.contentItemId) ?? 0) + 1);
    if (page * p.pageSize >= p.total) return out;
  }
}
