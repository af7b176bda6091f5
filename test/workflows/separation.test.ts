import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getAsset } from "../../storage/assets";
import { createUser } from "../../storage/users";
import { isWorkflowError } from "../../domain/workflow-error";
import { applyAssetEvent, createAsset } from "../../workflows/service";
import { dumpTables, fakeFiles, seededDb, type TempDb, USERS } from "../support/db";

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

function act(assetId: string, type: string, userId: string) {
  const asset = getAsset(t.handle, assetId)!;
  return applyAssetEvent(t.handle, {
    assetId,
    versionHash: asset.currentVersionHash!,
    event: { type: type as "SUBMIT", actor: { userId } },
  });
}

function refusedCode(fn: () => unknown): string {
  const before = dumpTables(t.handle);
  try {
    fn();
  } catch (e) {
    if (!isWorkflowError(e)) throw e;
    expect(dumpTables(t.handle)).toEqual(before);
    return e.code;
  }
  throw new Error("expected a refusal");
}

function newAsset(actor: string, files: ReturnType<typeof fakeFiles> | { png: Uint8Array } = fakeFiles("x")) {
  return createAsset(t.handle, {
    actor: { userId: actor },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "hanh-chinh-hien-dai",
    formatId: "bang-ron-0.8x5",
    text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch",
    files,
  });
}

describe("separation of duties: one person cannot carry an asset through alone", () => {
  it("whoever forwarded a version cannot also approve it, even holding both roles", async () => {
    const both = await createUser(t.handle, {
      username: "chutich",
      displayName: "Chủ tịch UBND xã",
      password: "mat-khau-dai-du",
      roles: ["office", "approver"],
    });
    const a = newAsset(USERS.drafter);
    act(a.assetId, "SUBMIT", USERS.drafter);
    act(a.assetId, "FORWARD", both.id);
    expect(refusedCode(() => act(a.assetId, "APPROVE", both.id))).toBe("SEPARATION_OF_DUTIES");
    expect(act(a.assetId, "APPROVE", USERS.approver).toState).toBe("approved");
  });

  it("a drafter who also holds the office role cannot forward their own submission", async () => {
    const clerk = await createUser(t.handle, {
      username: "kiemnhiem",
      displayName: "Cán bộ kiêm nhiệm",
      password: "mat-khau-dai-du",
      roles: ["drafter", "office"],
    });
    const a = newAsset(clerk.id);
    act(a.assetId, "SUBMIT", clerk.id);
    expect(refusedCode(() => act(a.assetId, "FORWARD", clerk.id))).toBe("SEPARATION_OF_DUTIES");
    expect(act(a.assetId, "FORWARD", USERS.office).toState).toBe("awaiting_approval");
  });
});

describe("screen formats", () => {
  it("bind decisions to the PNG when there is no print PDF, and refuse bytes that are not a PNG", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const a = newAsset(USERS.drafter, { png });
    expect(a.versionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(refusedCode(() => newAsset(USERS.drafter, { png: new Uint8Array([1, 2, 3, 4, 5]) }))).toBe(
      "INVALID_INPUT",
    );
  });
});
