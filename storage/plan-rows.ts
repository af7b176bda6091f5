import type { DbHandle } from "./db/connection";
import type { ContentItemsTable, TasksTable } from "./db/schema";

// Content items and tasks belong to one plan: a form names them by id, and an id from another
// plan must read as "not there", never as a row of the wrong plan.

interface PlanChildren {
  content_items: ContentItemsTable;
  tasks: TasksTable;
}

/** The row `id` of `table` when it belongs to plan `planId`, else null. */
export function planChild<T extends keyof PlanChildren>(
  handle: Pick<DbHandle, "conn">,
  table: T,
  planId: string,
  id: string,
): PlanChildren[T] | null {
  // `table` is one of two literal names, never input: safe to place in the statement.
  const row = handle.conn.prepare(`SELECT * FROM ${table} WHERE id = ? AND plan_id = ?`).get(id, planId);
  return (row as PlanChildren[T] | undefined) ?? null;
}
