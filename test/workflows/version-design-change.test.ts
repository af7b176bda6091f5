import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isWorkflowError } from "../../domain/workflow-error";
import { getAsset, getVersionFile } from "../../storage/assets";
import { searchAssets } from "../../storage/assets/search";
import { exportApprovalRecord } from "../../storage/audit";
import { createAsset, createVersion } from "../../workflows/service";
import { dumpTables, fakeFiles, seededDb, type TempDb, USERS } from "../support/db";
import { refusal } from "../support/errors";

// Issue 12 §3: a new version may move the asset to another design and format, checked against
// the catalogue, in the same transaction as the version itself.

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

const BANNER_DESIGN = "co-dong-truyen-thong"; // banners and screens, no A-sizes
const POSTER_DESIGN = "ap-phich-trang-trong"; // A-sizes and screens, no banners

function newAsset() {
  return createAsset(t.handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: BANNER_DESIGN,
    formatId: "bang-ron-1x7",
    text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch",
    files: fakeFiles("v1"),
  });
}

function edit(
  a: { assetId: string; versionHash: string },
  change: { templateId?: string; formatId?: string },
) {
  return createVersion(t.handle, {
    assetId: a.assetId,
    actor: { userId: USERS.drafter },
    baseVersionHash: a.versionHash,
    text: "Áp phích cải cách hành chính",
    files: fakeFiles("v2"),
    ...change,
  });
}

function expectRefusedUnchanged(fn: () => unknown) {
  const before = dumpTables(t.handle);
  const err = refusal(fn, isWorkflowError);
  expect(err.code).toBe("INVALID_INPUT");
  expect(dumpTables(t.handle)).toEqual(before);
  return err;
}

describe("createVersion with another design and format", () => {
  it("stores the new pair on the asset; the list's filters, search and thumbnail follow", () => {
    const a = newAsset();
    const v2 = edit(a, { templateId: POSTER_DESIGN, formatId: "a3" });
    const asset = getAsset(t.handle, a.assetId)!;
    expect(asset).toMatchObject({
      templateId: POSTER_DESIGN,
      formatId: "a3",
      currentVersionId: v2.versionId,
    });

    const byDesign = searchAssets(t.handle, { templateId: POSTER_DESIGN, formatId: "a3" });
    expect(byDesign.items.map((i) => i.id)).toEqual([a.assetId]);
    expect(searchAssets(t.handle, { templateId: BANNER_DESIGN }).items).toEqual([]);
    // The search key is the new version's text, marks folded.
    expect(searchAssets(t.handle, { text: "ap phich" }).items.map((i) => i.id)).toEqual([a.assetId]);
    // The thumbnail is the current version's PNG: the new render's.
    const [item] = byDesign.items;
    expect(item.currentVersionId).toBe(v2.versionId);
    const png = getVersionFile(t.handle, v2.versionId, "png")!;
    expect(Buffer.from(png.bytes).equals(Buffer.from(fakeFiles("v2").png))).toBe(true);

    // The EDIT audit row binds the new version's hash; nothing else is added to the audit.
    const rows = exportApprovalRecord(t.handle, a.assetId)!.rows;
    expect(rows.at(-1)).toMatchObject({ action: "EDIT", versionHash: v2.versionHash, versionN: 2 });
  });

  it("changes only what is given: a new design keeps the format", () => {
    const a = newAsset();
    edit(a, { templateId: "hanh-chinh-hien-dai" });
    expect(getAsset(t.handle, a.assetId)).toMatchObject({
      templateId: "hanh-chinh-hien-dai",
      formatId: "bang-ron-1x7",
    });
  });

  it("refuses a format the design has no layout for, writing nothing", () => {
    const a = newAsset();
    const err = expectRefusedUnchanged(() => edit(a, { formatId: "a3" }));
    expect(err.messageVi).toContain("Cổ động truyền thống");
    expect(err.messageVi).toContain("A3");
    // The other way round too: the poster design has no banner layout.
    expectRefusedUnchanged(() => edit(a, { templateId: POSTER_DESIGN }));
    expect(getAsset(t.handle, a.assetId)).toMatchObject({
      templateId: BANNER_DESIGN,
      formatId: "bang-ron-1x7",
    });
  });

  it("refuses an unknown design or format, writing nothing", () => {
    const a = newAsset();
    expect(expectRefusedUnchanged(() => edit(a, { templateId: "khong-co" })).messageVi).toContain("khong-co");
    expect(expectRefusedUnchanged(() => edit(a, { formatId: "khong-co" })).messageVi).toContain("khong-co");
  });
});
