import { afterEach, beforeEach, expect, it } from "vitest";
import { createActor } from "xstate";
import { verifyAuditChain } from "../../storage/audit";
import { getAsset } from "../../storage/assets";
import { assetMachine } from "../../workflows/asset-machine";
import { applyAssetEvent, createAsset, createVersion, markPublished } from "../../workflows/service";
import { fakeFiles, seededDb, type TempDb, USERS } from "../support/db";

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

it("restores the workflow from the database after a restart between every step", () => {
  const a = createAsset(t.handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: null,
    templateId: "tpl",
    formatId: "banner-1x7",
    text: "Chủ động thực thi; phát huy động lực; tăng trưởng bứt phá",
    files: fakeFiles("theme-v1"),
  });
  expect(a.code).toBe("CCHC-2026-CD-0001");

  type Step = { expect: string; run: (hash: string) => void };
  const decide =
    (type: string, userId: string, extra: object = {}) =>
    (hash: string) => {
      applyAssetEvent(t.handle, {
        assetId: a.assetId,
        versionHash: hash,
        event: { type: type as "SUBMIT", actor: { userId }, ...extra },
      });
    };
  const steps: Step[] = [
    { expect: "office_review", run: decide("SUBMIT", USERS.drafter) },
    { expect: "withdrawn", run: decide("WITHDRAW", USERS.drafter) },
    { expect: "office_review", run: decide("SUBMIT", USERS.drafter) },
    {
      expect: "returned",
      run: decide("RETURN", USERS.office, { reason: { code: "diacritics", text: "“bứt phá” thiếu dấu" } }),
    },
    {
      expect: "draft",
      run: (hash) => {
        createVersion(t.handle, {
          assetId: a.assetId,
          actor: { userId: USERS.drafter },
          baseVersionHash: hash,
          text: "Chủ động thực thi; phát huy động lực; tăng trưởng bứt phá",
          files: fakeFiles("theme-v2"),
        });
      },
    },
    { expect: "office_review", run: decide("SUBMIT", USERS.drafter) },
    { expect: "awaiting_approval", run: decide("FORWARD", USERS.office) },
    { expect: "approved", run: decide("APPROVE", USERS.approver) },
    {
      expect: "published",
      run: (hash) => markPublished(t.handle, { assetId: a.assetId, versionHash: hash }),
    },
    {
      expect: "revoked",
      run: decide("REVOKE", USERS.approver, { reason: { code: "date_or_number", text: "Sai năm" } }),
    },
  ];

  let rowVersion = 0;
  for (const step of steps) {
    t.reopen();
    const before = getAsset(t.handle, a.assetId)!;
    expect(before.rowVersion).toBe(rowVersion);
    step.run(before.currentVersionHash!);
    t.reopen();
    const after = getAsset(t.handle, a.assetId)!;
    rowVersion++;
    expect(after.state).toBe(step.expect);
    expect(after.rowVersion).toBe(rowVersion);
    // The stored snapshot restores into an actor in the same state with the same context.
    const actor = createActor(assetMachine, {
      snapshot: JSON.parse(after.snapshotJson),
      input: { versionHash: "" },
    }).start();
    expect(actor.getSnapshot().value).toBe(step.expect);
    expect(actor.getSnapshot().context.currentVersionHash).toBe(after.currentVersionHash);
    expect(actor.getPersistedSnapshot()).toEqual(JSON.parse(after.snapshotJson));
    actor.stop();
  }
  const final = getAsset(t.handle, a.assetId)!;
  expect(final.currentVersionN).toBe(2);
  expect(JSON.parse(final.snapshotJson).status).toBe("done");
  expect(verifyAuditChain(t.handle)).toEqual({ ok: true, count: steps.length + 1 });
});
