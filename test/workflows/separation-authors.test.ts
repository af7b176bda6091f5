import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendAudit } from "../../storage/audit";
import { getAsset, versionAuthors } from "../../storage/assets";
import { createUser } from "../../storage/users";
import { applyAssetEvent, createVersion } from "../../workflows/service";
import { fakeFiles, seededDb, type TempDb, USERS } from "../support/db";
import { ASSET_TEXT, newDraft, refusal } from "../support/workflow";

// Issue 11, A10: separation of duties counted the submitter and the forwarder, not the authors. A
// drafter who also held the approver role approved an asset they created or edited once another
// drafter submitted it; a drafter who also held the office role forwarded their own asset the same
// way. Nobody who created or edited the version being decided may FORWARD or APPROVE it.

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

const TEXT = ASSET_TEXT;
let n = 0;

function newAsset(actor: string) {
  n++;
  return newDraft(t.handle, actor, fakeFiles(`authors-${n}`), TEXT);
}

function editAsset(assetId: string, actor: string) {
  n++;
  return createVersion(t.handle, {
    assetId,
    actor: { userId: actor },
    baseVersionHash: getAsset(t.handle, assetId)!.currentVersionHash!,
    text: `${TEXT}, tiện lợi`,
    files: fakeFiles(`authors-edit-${n}`),
  });
}

function act(assetId: string, type: string, userId: string) {
  const asset = getAsset(t.handle, assetId)!;
  const reason = type === "RETURN" ? { reason: { code: "diacritics" as const, text: "Sai dấu" } } : {};
  return applyAssetEvent(t.handle, {
    assetId,
    versionHash: asset.currentVersionHash!,
    event: { type: type as "SUBMIT", actor: { userId }, ...reason },
  });
}

async function dualUser(username: string, roles: ("drafter" | "office" | "approver")[]) {
  const u = await createUser(t.handle, {
    username,
    displayName: `Cán bộ kiêm nhiệm ${username}`,
    password: "mat-khau-dai-du",
    roles,
  });
  return u.id;
}

/** An asset whose current version is returned by the office and is now back in draft for an edit. */
function returnedAsset(creator: string) {
  const a = newAsset(creator);
  act(a.assetId, "SUBMIT", USERS.drafter);
  act(a.assetId, "RETURN", USERS.office);
  return a;
}

describe("the authors of a version may not approve it", () => {
  it("a drafter+approver who created the asset cannot approve it after another drafter submitted it", async () => {
    const dual = await dualUser("soan-duyet", ["drafter", "approver"]);
    const a = newAsset(dual);
    act(a.assetId, "SUBMIT", USERS.drafter);
    act(a.assetId, "FORWARD", USERS.office);
    const e = refusal(t.handle, () => act(a.assetId, "APPROVE", dual));
    expect(e.code).toBe("SEPARATION_OF_DUTIES");
    expect(e.messageVi).toBe(
      "Bạn đã soạn hoặc chỉnh sửa phiên bản này nên không được tự phê duyệt; cần một lãnh đạo khác phê duyệt.",
    );
    expect(e.details).toMatchObject({ rule: "author", event: "APPROVE" });
    expect(act(a.assetId, "APPROVE", USERS.approver).toState).toBe("approved");
  });

  it("a drafter+approver who edited the asset (made its current version) cannot approve it", async () => {
    const dual = await dualUser("sua-duyet", ["drafter", "approver"]);
    const a = returnedAsset(USERS.drafter);
    editAsset(a.assetId, dual);
    act(a.assetId, "SUBMIT", USERS.drafter);
    act(a.assetId, "FORWARD", USERS.office);
    expect(refusal(t.handle, () => act(a.assetId, "APPROVE", dual)).code).toBe("SEPARATION_OF_DUTIES");
    expect(act(a.assetId, "APPROVE", USERS.approver).toState).toBe("approved");
  });

  it("anyone with an edit the audit chain records for the version counts as its author", async () => {
    const dual = await dualUser("ghi-sua-duyet", ["drafter", "approver"]);
    const a = newAsset(USERS.drafter);
    appendAudit(t.handle, {
      assetId: a.assetId,
      versionId: a.versionId,
      actorUserId: dual,
      actorRole: "drafter",
      action: "EDIT",
      fromState: "draft",
      toState: "draft",
      versionHash: a.versionHash,
    });
    expect(versionAuthors(t.handle, a.versionId)).toEqual([dual, USERS.drafter].sort());
    act(a.assetId, "SUBMIT", USERS.drafter);
    act(a.assetId, "FORWARD", USERS.office);
    expect(refusal(t.handle, () => act(a.assetId, "APPROVE", dual)).code).toBe("SEPARATION_OF_DUTIES");
  });
});

describe("the authors of a version may not forward it", () => {
  it("a drafter+office who created the asset cannot forward it after another drafter submitted it", async () => {
    const dual = await dualUser("soan-vanhoa", ["drafter", "office"]);
    const a = newAsset(dual);
    act(a.assetId, "SUBMIT", USERS.drafter);
    const e = refusal(t.handle, () => act(a.assetId, "FORWARD", dual));
    expect(e.code).toBe("SEPARATION_OF_DUTIES");
    expect(e.messageVi).toMatch(/^Bạn đã soạn hoặc chỉnh sửa phiên bản này nên không được tự chuyển/);
    expect(act(a.assetId, "FORWARD", USERS.office).toState).toBe("awaiting_approval");
  });

  it("a drafter+office who edited the asset cannot forward the version they wrote", async () => {
    const dual = await dualUser("sua-vanhoa", ["drafter", "office"]);
    const a = returnedAsset(USERS.drafter);
    editAsset(a.assetId, dual);
    act(a.assetId, "SUBMIT", USERS.drafter);
    expect(refusal(t.handle, () => act(a.assetId, "FORWARD", dual)).code).toBe("SEPARATION_OF_DUTIES");
    expect(act(a.assetId, "FORWARD", USERS.office).toState).toBe("awaiting_approval");
  });
});

describe("what stays allowed", () => {
  it("a clean chain of distinct drafter, office and approver goes through", () => {
    const a = newAsset(USERS.drafter);
    expect(act(a.assetId, "SUBMIT", USERS.drafter).toState).toBe("office_review");
    expect(act(a.assetId, "FORWARD", USERS.office).toState).toBe("awaiting_approval");
    expect(act(a.assetId, "APPROVE", USERS.approver).toState).toBe("approved");
  });

  it("an author holding the office or approver role may still return the version to the drafters", async () => {
    const dual = await dualUser("soan-tra", ["drafter", "office", "approver"]);
    const a = newAsset(dual);
    act(a.assetId, "SUBMIT", USERS.drafter);
    expect(act(a.assetId, "RETURN", dual).toState).toBe("returned");
  });

  it("authorship is per version: who wrote version 1 may approve version 2, written and submitted by others", async () => {
    const dual = await dualUser("soan-v1", ["drafter", "approver"]);
    const a = returnedAsset(dual);
    const v2 = editAsset(a.assetId, USERS.drafter);
    expect(versionAuthors(t.handle, v2.versionId)).toEqual([USERS.drafter]);
    act(a.assetId, "SUBMIT", USERS.drafter);
    act(a.assetId, "FORWARD", USERS.office);
    expect(act(a.assetId, "APPROVE", dual).toState).toBe("approved");
  });
});
