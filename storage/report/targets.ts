import type { ItemTargets } from "../../templates/documents/report-data";
import type { DbHandle } from "../db/connection";
import { all, exec, immediate } from "../db/sync";
import { getUserRoles } from "../users";
import { ReportError } from "./errors";

// What the admin expects per content item: how many banners, posters and social posts. Absent
// rows mean zero; saving a row of zeros keeps it (it records who decided "none").

/** The largest target a field takes (migration 009's CHECK). */
export const MAX_TARGET = 100_000;

export const ZERO_TARGETS: ItemTargets = { banners: 0, posters: 0, socialPosts: 0 };

/** Targets of every content item of a plan that has a row, keyed by content item id. */
export function getTargets(handle: DbHandle, planId: string): Map<string, ItemTargets> {
  const rows = all(
    handle.conn,
    handle.db
      .selectFrom("plan_targets")
      .select(["content_item_id", "banners", "posters", "social_posts"])
      .where("plan_id", "=", planId),
  );
  return new Map(
    rows.map((r) => [
      r.content_item_id,
      { banners: r.banners, posters: r.posters, socialPosts: r.social_posts },
    ]),
  );
}

/** Every content item of a plan in plan order with its targets (zeros where none were set): the admin's form. */
export function targetsByItem(
  handle: DbHandle,
  planId: string,
): ({ id: string; code: string; title: string } & ItemTargets)[] {
  const targets = getTargets(handle, planId);
  return all(
    handle.conn,
    handle.db
      .selectFrom("content_items")
      .select(["id", "code", "title"])
      .where("plan_id", "=", planId)
      .orderBy("sort_order"),
  ).map((it) => ({ ...it, ...(targets.get(it.id) ?? ZERO_TARGETS) }));
}

export interface TargetInput extends ItemTargets {
  contentItemId: string;
}

function validCount(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= MAX_TARGET;
}

/**
 * Saves the targets of several content items of `planId` at once, as the admin `userId` (roles
 * read from the database). All or nothing. Throws ReportError FORBIDDEN (not an admin),
 * INVALID_TARGET (a count outside 0..100 000 or not whole; details.contentItemId names the item),
 * NOT_FOUND (an item not of this plan). Returns how many rows were written.
 */
export function setTargets(
  handle: DbHandle,
  input: { planId: string; userId: string; targets: readonly TargetInput[]; now?: Date },
): number {
  for (const t of input.targets) {
    if (![t.banners, t.posters, t.socialPosts].every(validCount)) {
      throw new ReportError("INVALID_TARGET", "target out of range", { contentItemId: t.contentItemId });
    }
  }
  const at = (input.now ?? new Date()).toISOString();
  return immediate(handle.conn, () => {
    if (!getUserRoles(handle, input.userId).includes("admin"))
      throw new ReportError("FORBIDDEN", "admins only");
    const items = new Set(
      all(
        handle.conn,
        handle.db.selectFrom("content_items").select("id").where("plan_id", "=", input.planId),
      ).map((r) => r.id),
    );
    for (const t of input.targets) {
      if (!items.has(t.contentItemId)) {
        throw new ReportError("NOT_FOUND", "content item not in plan", { contentItemId: t.contentItemId });
      }
      const values = {
        banners: t.banners,
        posters: t.posters,
        social_posts: t.socialPosts,
        updated_by: input.userId,
        updated_at: at,
      };
      exec(
        handle.conn,
        handle.db
          .insertInto("plan_targets")
          .values({ plan_id: input.planId, content_item_id: t.contentItemId, ...values })
          .onConflict((oc) => oc.columns(["plan_id", "content_item_id"]).doUpdateSet(values)),
      );
    }
    return input.targets.length;
  });
}
