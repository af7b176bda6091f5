import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { templateThumbnail } from "../../app/lib/design-controls.server";
import { DEFAULT_BRAND_KIT, saveBrandKit } from "../../storage/brand";
import { TEMPLATES } from "../../templates/catalog";
import { seededDb, type TempDb, USERS } from "../support/db";
import { setEnv } from "../support/env";

// Issue 15: several app nodes serve one database, and each keeps its own in-memory caches. A cache
// may only save work: it is keyed by everything its answer depends on that another node could
// change, so a write on one node is never answered from an older entry on another. (The proof,
// media and installation-photo thumbnails are keyed by the stored bytes' hash, which never
// changes; the design thumbnails depend on the brand kit, which an admin on any node may save.)

setEnv({ RENDER_WORKERS: "0" });

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

/** The default kit with its main colours replaced. */
function kitIn(primary: string, accent: string) {
  const palette = structuredClone(DEFAULT_BRAND_KIT.palette);
  palette.primary = { ...palette.primary, rgb: primary };
  palette.accent = { ...palette.accent, rgb: accent };
  return { ...structuredClone(DEFAULT_BRAND_KIT), palette };
}

const noStore = () => {
  throw new Error("a kit without a logo reads nothing from the store");
};

describe("design thumbnails on several nodes", () => {
  it("follow a kit another node saved, even one saved within the same millisecond", async () => {
    const design = TEMPLATES.find((d) => d.id === "co-dong-truyen-thong")!;
    const otherNode = t.connect();
    // Two saves in one millisecond leave the same updated_at: the stamp alone cannot tell them apart.
    const at = new Date("2026-12-01T03:00:00.000Z");
    const red = kitIn("#a50f15", "#f2c200");
    saveBrandKit(otherNode, red, USERS.admin, at);
    const first = Buffer.from(await templateThumbnail(t.handle, noStore, design));

    saveBrandKit(otherNode, kitIn("#0b6e4f", "#1d4ed8"), USERS.admin, at);
    const second = Buffer.from(await templateThumbnail(t.handle, noStore, design));
    expect(second.equals(first)).toBe(false);

    // The first kit again: the same picture, from memory or drawn anew.
    saveBrandKit(otherNode, red, USERS.admin, at);
    expect(Buffer.from(await templateThumbnail(t.handle, noStore, design)).equals(first)).toBe(true);
  });
});
