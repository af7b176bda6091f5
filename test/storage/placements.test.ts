/** The register of placements (issue 13 §1) on a real seeded database (SQLite, or PostgreSQL on the PG run). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createPlacement,
  listPlacements,
  PlacementError,
  placementFits,
  setPlacementActive,
  updatePlacement,
} from "../../storage/placements";
import { DEMO_PLACEMENTS } from "../../storage/seed/demo-placements";
import { seedAll } from "../../storage/seed/seed";
import { dumpTables, seededDb, type TempDb, tempDb, USERS } from "../support/db";

const PLAN = "cchc-2026";
const office = { userId: USERS.office, roles: ["office"] as const };
const admin = { userId: USERS.admin, roles: ["admin"] as const };

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

/** The PlacementError `fn` throws, after checking it wrote nothing. */
function refusal(fn: () => unknown): PlacementError {
  const before = dumpTables(t.handle);
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PlacementError);
    expect(dumpTables(t.handle)).toEqual(before);
    return e as PlacementError;
  }
  throw new Error("expected a refusal");
}

const road = {
  kind: "road",
  name: "Đường trục xã — đoạn qua chợ",
  address: "  Từ ngã ba   đến cầu  ",
  frameText: "khung 1,2 × 10 m",
  formatIds: ["bang-ron-1.2x10", "bang-ron-1.2x10"],
  lat: 20.95,
  lng: 106.5,
};

describe("the demo set", () => {
  it("is seeded with the demo users: marked demo, every name starting [Mẫu], road frames 1,2 × 10 m", () => {
    const list = listPlacements(t.handle, { planId: PLAN });
    expect(list).toHaveLength(DEMO_PLACEMENTS.length);
    expect(list.length).toBeGreaterThanOrEqual(6);
    expect(list.every((p) => p.isDemo && p.active && p.name.startsWith("[Mẫu] "))).toBe(true);
    const roads = list.filter((p) => p.kind === "road");
    expect(roads.length).toBeGreaterThan(0);
    for (const r of roads) {
      expect(r.frameText).toBe("khung 1,2 × 10 m");
      expect(r.formatIds).toContain("bang-ron-1.2x10");
      expect(r.lat).toBeNull();
    }
    // Grouped by kind in the register's order.
    expect(list.map((p) => p.kind)).toEqual([
      "road",
      "road",
      "office",
      "village_hall",
      "village_hall",
      "crowded_place",
      "led_screen",
    ]);
  });

  it("is not seeded without demo data, and seeding again adds nothing nor undoes an edit", async () => {
    const bare = tempDb();
    try {
      await seedAll(bare.handle, { demoUsers: false });
      expect(listPlacements(bare.handle, { planId: PLAN, includeInactive: true })).toEqual([]);
    } finally {
      bare.cleanup();
    }
    const first = listPlacements(t.handle, { planId: PLAN })[0]!;
    updatePlacement(t.handle, { actor: office, id: first.id, placement: { ...first, note: "Đã khảo sát" } });
    await seedAll(t.handle);
    const again = listPlacements(t.handle, { planId: PLAN });
    expect(again).toHaveLength(DEMO_PLACEMENTS.length);
    expect(again.find((p) => p.id === first.id)?.note).toBe("Đã khảo sát");
  });
});

describe("editing the register", () => {
  it("the office adds a place: text cleaned, duplicate formats folded, coordinates kept", () => {
    const p = createPlacement(t.handle, { actor: office, planId: PLAN, placement: road });
    expect(p).toMatchObject({
      kind: "road",
      kindLabel: "Trục đường chính",
      name: "Đường trục xã — đoạn qua chợ",
      address: "Từ ngã ba đến cầu",
      formatIds: ["bang-ron-1.2x10"],
      lat: 20.95,
      lng: 106.5,
      isDemo: false,
      createdBy: USERS.office,
    });
    expect(placementFits(p, "bang-ron-1.2x10")).toBe(true);
    expect(placementFits(p, "bang-ron-1x7")).toBe(false);
    expect(placementFits({ formatIds: [] }, "a3")).toBe(true);
  });

  it("the admin edits and retires a place; a retired place leaves the list but stays readable", () => {
    const p = createPlacement(t.handle, { actor: admin, planId: PLAN, placement: road });
    const edited = updatePlacement(t.handle, {
      actor: admin,
      id: p.id,
      placement: { ...road, name: "Đường trục xã — đoạn 2", lat: null, lng: null, formatIds: [] },
    });
    expect(edited).toMatchObject({ name: "Đường trục xã — đoạn 2", lat: null, lng: null, formatIds: [] });
    setPlacementActive(t.handle, { actor: admin, id: p.id, active: false });
    expect(listPlacements(t.handle, { planId: PLAN }).some((x) => x.id === p.id)).toBe(false);
    const all = listPlacements(t.handle, { planId: PLAN, includeInactive: true });
    expect(all.find((x) => x.id === p.id)?.active).toBe(false);
    expect(setPlacementActive(t.handle, { actor: office, id: p.id, active: true }).active).toBe(true);
  });

  it("drafter, approver and printer may not edit, whatever the session claims beyond the database", () => {
    for (const actor of [
      { userId: USERS.drafter, roles: ["drafter"] as const },
      { userId: USERS.approver, roles: ["approver"] as const },
      { userId: USERS.printer, roles: ["printer"] as const },
      // A session claiming a role the account does not hold gains nothing.
      { userId: USERS.printer, roles: ["office"] as const },
    ]) {
      const e = refusal(() => createPlacement(t.handle, { actor, planId: PLAN, placement: road }));
      expect(e.code).toBe("FORBIDDEN");
      expect(e.messageVi).toContain("Phòng Văn hóa - Xã hội");
    }
  });

  it("refuses bad input with the field and a Vietnamese message, writing nothing", () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ kind: "online" }, "kind", /loại vị trí/],
      [{ name: "   " }, "name", /Tên vị trí không được để trống/],
      [{ name: "x".repeat(201) }, "name", /tối đa 200/],
      [{ name: "Nhà\u202Evăn hóa" }, "name", /ký tự/],
      [{ lat: 20.9, lng: null }, "lng", /cả vĩ độ và kinh độ/],
      [{ lat: 91, lng: 106 }, "lat", /Vĩ độ/],
      [{ lat: 20, lng: Number.NaN }, "lng", /Kinh độ/],
      [{ formatIds: ["bang-ron-9x99"] }, "formatIds", /bang-ron-9x99/],
    ];
    for (const [over, field, message] of cases) {
      const e = refusal(() =>
        createPlacement(t.handle, { actor: office, planId: PLAN, placement: { ...road, ...over } as never }),
      );
      expect(e.code, JSON.stringify(over)).toBe("INVALID_INPUT");
      expect(e.details.field).toBe(field);
      expect(e.messageVi).toMatch(message);
    }
  });

  it("refuses a name the plan already has, on create and on rename", () => {
    const a = createPlacement(t.handle, { actor: office, planId: PLAN, placement: road });
    const b = createPlacement(t.handle, {
      actor: office,
      planId: PLAN,
      placement: { ...road, name: "Khác" },
    });
    expect(
      refusal(() => createPlacement(t.handle, { actor: office, planId: PLAN, placement: road })).code,
    ).toBe("DUPLICATE");
    const e = refusal(() => updatePlacement(t.handle, { actor: office, id: b.id, placement: { ...road } }));
    expect(e.code).toBe("DUPLICATE");
    expect(e.messageVi).toContain(a.name);
    // Saving a place under its own name is no clash.
    expect(updatePlacement(t.handle, { actor: office, id: a.id, placement: road }).name).toBe(a.name);
  });

  it("an unknown place or plan is NOT_FOUND", () => {
    expect(
      refusal(() => updatePlacement(t.handle, { actor: office, id: "nope", placement: road })).code,
    ).toBe("NOT_FOUND");
    expect(
      refusal(() => setPlacementActive(t.handle, { actor: office, id: "nope", active: false })).code,
    ).toBe("NOT_FOUND");
    expect(
      refusal(() => createPlacement(t.handle, { actor: office, planId: "nope", placement: road })).code,
    ).toBe("NOT_FOUND");
  });
});
