import { randomUUID } from "node:crypto";
import type { DbHandle } from "../db/connection";
import { exec, first, immediate } from "../db/sync";
import { type Actor, actsAs } from "./actor";
import { PlacementError } from "./errors";
import { getPlacement, type PlacementRecord } from "./records";
import { type CleanPlacement, type PlacementInput, parsePlacementInput } from "./validate";

// The register is the office's (and the admin's) to keep. Each write checks the actor's roles
// against the database, cleans every field, and refuses a name the plan already uses, all inside
// one IMMEDIATE transaction so two people saving the same name cannot both succeed.

const EDITORS = ["office", "admin"] as const;

function requireEditor(db: DbHandle, actor: Actor): void {
  if (!actsAs(db, actor, EDITORS)) {
    throw new PlacementError("FORBIDDEN", `user ${actor.userId} may not edit placements`);
  }
}

function assertNameFree(db: DbHandle, planId: string, name: string, exceptId: string | null): void {
  let q = db.db.selectFrom("placements").select("id").where("plan_id", "=", planId).where("name", "=", name);
  if (exceptId) q = q.where("id", "!=", exceptId);
  if (first(db.conn, q)) {
    throw new PlacementError(
      "DUPLICATE",
      `placement name taken: ${name}`,
      `Kế hoạch đã có vị trí tên “${name}”; hãy đặt tên khác để phân biệt.`,
      { field: "name" },
    );
  }
}

function columns(p: CleanPlacement) {
  return {
    kind: p.kind,
    name: p.name,
    address: p.address,
    lat: p.lat,
    lng: p.lng,
    frame_text: p.frameText,
    format_ids_json: JSON.stringify(p.formatIds),
    note: p.note,
  };
}

/**
 * Adds a place to plan `planId` (never a demo place) and returns it. Throws PlacementError
 * FORBIDDEN (actor neither office nor admin), NOT_FOUND (no such plan), INVALID_INPUT (see
 * parsePlacementInput) or DUPLICATE (the plan already has a place of that name).
 */
export function createPlacement(
  db: DbHandle,
  input: { actor: Actor; planId: string; placement: PlacementInput; now?: Date },
): PlacementRecord {
  const clean = parsePlacementInput(input.placement);
  const at = (input.now ?? new Date()).toISOString();
  const id = randomUUID();
  immediate(db.conn, () => {
    requireEditor(db, input.actor);
    if (!first(db.conn, db.db.selectFrom("plans").select("id").where("id", "=", input.planId))) {
      throw new PlacementError("NOT_FOUND", `plan ${input.planId} not found`, "Không tìm thấy kế hoạch.");
    }
    assertNameFree(db, input.planId, clean.name, null);
    exec(
      db.conn,
      db.db.insertInto("placements").values({
        id,
        plan_id: input.planId,
        ...columns(clean),
        is_demo: 0,
        active: 1,
        created_by: input.actor.userId,
        created_at: at,
        updated_at: at,
      }),
    );
  });
  return getPlacement(db, id)!;
}

function existing(db: DbHandle, id: string): PlacementRecord {
  const p = getPlacement(db, id);
  if (!p) throw new PlacementError("NOT_FOUND", `placement ${id} not found`);
  return p;
}

/**
 * Rewrites a place's fields and returns it. A demo place stays marked as demo: a real place is
 * added as its own row, and the demo one taken out of use. Throws PlacementError FORBIDDEN,
 * NOT_FOUND, INVALID_INPUT or DUPLICATE.
 */
export function updatePlacement(
  db: DbHandle,
  input: { actor: Actor; id: string; placement: PlacementInput; now?: Date },
): PlacementRecord {
  const clean = parsePlacementInput(input.placement);
  const at = (input.now ?? new Date()).toISOString();
  immediate(db.conn, () => {
    requireEditor(db, input.actor);
    const before = existing(db, input.id);
    assertNameFree(db, before.planId, clean.name, before.id);
    exec(
      db.conn,
      db.db
        .updateTable("placements")
        .set({ ...columns(clean), updated_at: at })
        .where("id", "=", before.id),
    );
  });
  return getPlacement(db, input.id)!;
}

/**
 * Takes a place out of use (`active` false: no longer offered for new orders; orders and
 * installations that name it keep it) or back into use. Returns the place. Throws PlacementError
 * FORBIDDEN or NOT_FOUND.
 */
export function setPlacementActive(
  db: DbHandle,
  input: { actor: Actor; id: string; active: boolean; now?: Date },
): PlacementRecord {
  const at = (input.now ?? new Date()).toISOString();
  immediate(db.conn, () => {
    requireEditor(db, input.actor);
    existing(db, input.id);
    exec(
      db.conn,
      db.db
        .updateTable("placements")
        .set({ active: input.active ? 1 : 0, updated_at: at })
        .where("id", "=", input.id),
    );
  });
  return getPlacement(db, input.id)!;
}
