import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exportApprovalRecord, verifyAuditChain } from "../../storage/audit";
import { getAsset, getVersionFile, listVersions, sha256Hex } from "../../storage/assets";
import { listOutbox } from "../../storage/outbox";
import { isWorkflowError } from "../../domain/workflow-error";
import { applyAssetEvent, createAsset, createVersion, markPublished } from "../../workflows/service";
import { approvedVersionHash } from "../../workflows/snapshot";
import { dumpTables, fakeFiles, seededDb, type TempDb, USERS } from "../support/db";
import { refusal } from "../support/errors";

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

function newAsset(label = "a") {
  return createAsset(t.handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "tpl",
    formatId: "banner-0.8x5",
    text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
    placement: "road",
    quantity: 4,
    files: fakeFiles(label),
  });
}

describe("the asset's title", () => {
  it("is the slogan without its emphasis markers; the version keeps them for the design", () => {
    const created = createAsset(t.handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: "cchc-2026:1.10",
      templateId: "tpl",
      formatId: "banner-0.8x5",
      text: "Xây dựng *chính quyền số*, phục vụ Nhân dân",
      files: fakeFiles("emphasis"),
    });
    expect(getAsset(t.handle, created.assetId)?.title).toBe("Xây dựng chính quyền số, phục vụ Nhân dân");
    expect(listVersions(t.handle, created.assetId)[0].text).toBe(
      "Xây dựng *chính quyền số*, phục vụ Nhân dân",
    );
  });
});

function act(assetId: string, type: string, user: string, extra: Record<string, unknown> = {}) {
  const asset = getAsset(t.handle, assetId)!;
  return applyAssetEvent(t.handle, {
    assetId,
    versionHash: asset.currentVersionHash!,
    event: { type: type as "SUBMIT", actor: { userId: user }, ...extra },
    ...("expectedRowVersion" in extra ? { expectedRowVersion: extra.expectedRowVersion as number } : {}),
  });
}

/** Runs fn, expects a refusal with `code`, and checks that not a single row changed. */
function expectRefusedUnchanged(code: string, fn: () => unknown) {
  const before = dumpTables(t.handle);
  const err = refusal(fn, isWorkflowError);
  expect(err.code).toBe(code);
  expect(err.messageVi.length).toBeGreaterThan(10);
  expect(dumpTables(t.handle)).toEqual(before);
  return err;
}

describe("createAsset / createVersion", () => {
  it("stores version 1 with its files, hashes and a verify code", () => {
    const files = fakeFiles("v1");
    const created = newAsset("v1");
    expect(created.code).toBe("CCHC-2026-1.12-0001");
    expect(newAsset("second").code).toBe("CCHC-2026-1.12-0002");
    expect(created.versionHash).toBe(sha256Hex(files.pdf));
    expect(created.verifyCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    const pdf = getVersionFile(t.handle, created.versionId, "pdf")!;
    expect(Buffer.from(pdf.bytes).equals(Buffer.from(files.pdf))).toBe(true);
    expect(pdf.sha256).toBe(created.versionHash);
    const asset = getAsset(t.handle, created.assetId)!;
    expect(asset).toMatchObject({ state: "draft", rowVersion: 0, placement: "road", quantity: 4 });
    expect(listVersions(t.handle, created.assetId)[0].files.map((f) => f.kind)).toEqual([
      "pdf",
      "png",
      "svg",
    ]);
  });

  it("refuses non-drafters and non-PDF bytes, writing nothing", () => {
    expectRefusedUnchanged("FORBIDDEN", () =>
      createAsset(t.handle, {
        actor: { userId: USERS.approver },
        planId: "cchc-2026",
        contentItemId: null,
        templateId: "tpl",
        formatId: "a3",
        text: "Chủ động thực thi",
        files: fakeFiles("x"),
      }),
    );
    expectRefusedUnchanged("INVALID_INPUT", () =>
      createAsset(t.handle, {
        actor: { userId: USERS.drafter },
        planId: "cchc-2026",
        contentItemId: null,
        templateId: "tpl",
        formatId: "a3",
        text: "Chủ động thực thi",
        files: { pdf: new TextEncoder().encode("<html>not a pdf</html>") },
      }),
    );
  });

  it("EDIT after a return makes version 2 current and moves to draft", () => {
    const a = newAsset();
    act(a.assetId, "SUBMIT", USERS.drafter);
    act(a.assetId, "RETURN", USERS.office, {
      reason: { code: "unit_name", text: "Ghi đúng “Trung tâm phục vụ Hành chính công”" },
    });
    const v2 = createVersion(t.handle, {
      assetId: a.assetId,
      actor: { userId: USERS.drafter },
      baseVersionHash: a.versionHash,
      text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
      files: fakeFiles("v2"),
    });
    expect(v2).toMatchObject({ n: 2, state: "draft" });
    expect(getAsset(t.handle, a.assetId)!.currentVersionHash).toBe(v2.versionHash);
    // A second editor still holding version 1 is refused.
    expectRefusedUnchanged("STALE_VERSION", () =>
      createVersion(t.handle, {
        assetId: a.assetId,
        actor: { userId: USERS.drafter },
        baseVersionHash: a.versionHash,
        text: "x",
        files: fakeFiles("v2-late"),
      }),
    );
  });
});

describe("refusals write nothing", () => {
  it("unknown asset → NOT_FOUND", () => {
    expectRefusedUnchanged("NOT_FOUND", () =>
      applyAssetEvent(t.handle, {
        assetId: "nope",
        versionHash: "0".repeat(64),
        event: { type: "SUBMIT", actor: { userId: USERS.drafter } },
      }),
    );
  });

  it("return, reject and revoke need a reason; “other” needs text", () => {
    const a = newAsset();
    act(a.assetId, "SUBMIT", USERS.drafter);
    expectRefusedUnchanged("REASON_REQUIRED", () => act(a.assetId, "RETURN", USERS.office));
    expectRefusedUnchanged("REASON_REQUIRED", () =>
      act(a.assetId, "RETURN", USERS.office, { reason: { code: "other", text: "   " } }),
    );
    expectRefusedUnchanged("REASON_REQUIRED", () =>
      act(a.assetId, "RETURN", USERS.office, { reason: { code: "ugly", text: "x" } }),
    );
    act(a.assetId, "FORWARD", USERS.office);
    expectRefusedUnchanged("REASON_REQUIRED", () => act(a.assetId, "REJECT", USERS.approver));
    act(a.assetId, "APPROVE", USERS.approver);
    expectRefusedUnchanged("REASON_REQUIRED", () => act(a.assetId, "REVOKE", USERS.approver));
    expect(getAsset(t.handle, a.assetId)!.state).toBe("approved");
  });

  it("comment over 2000 characters → COMMENT_TOO_LONG", () => {
    const a = newAsset();
    expectRefusedUnchanged("COMMENT_TOO_LONG", () =>
      act(a.assetId, "SUBMIT", USERS.drafter, { comment: "ạ".repeat(2001) }),
    );
    act(a.assetId, "SUBMIT", USERS.drafter, { comment: "ạ".repeat(2000) });
  });

  it("a decision on a version that is no longer current → STALE_VERSION", () => {
    const a = newAsset();
    act(a.assetId, "SUBMIT", USERS.drafter);
    act(a.assetId, "RETURN", USERS.office, {
      reason: { code: "diacritics", text: "“tiện lơi” → “tiện lợi”" },
    });
    const v2 = createVersion(t.handle, {
      assetId: a.assetId,
      actor: { userId: USERS.drafter },
      baseVersionHash: a.versionHash,
      text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
      files: fakeFiles("v2"),
    });
    act(a.assetId, "SUBMIT", USERS.drafter);
    // The reviewer's page still shows version 1.
    expectRefusedUnchanged("STALE_VERSION", () =>
      applyAssetEvent(t.handle, {
        assetId: a.assetId,
        versionHash: a.versionHash,
        event: { type: "FORWARD", actor: { userId: USERS.office } },
      }),
    );
    const ok = applyAssetEvent(t.handle, {
      assetId: a.assetId,
      versionHash: v2.versionHash,
      event: { type: "FORWARD", actor: { userId: USERS.office } },
    });
    expect(ok.toState).toBe("awaiting_approval");
  });

  it("a stale row_version → CONFLICT", () => {
    const a = newAsset();
    act(a.assetId, "SUBMIT", USERS.drafter);
    expectRefusedUnchanged("CONFLICT", () =>
      act(a.assetId, "FORWARD", USERS.office, { expectedRowVersion: 0 }),
    );
    expect(act(a.assetId, "FORWARD", USERS.office, { expectedRowVersion: 1 }).rowVersion).toBe(2);
  });

  it("roles come from the database, not from the request", () => {
    const a = newAsset();
    act(a.assetId, "SUBMIT", USERS.drafter);
    expectRefusedUnchanged("FORBIDDEN", () =>
      applyAssetEvent(t.handle, {
        assetId: a.assetId,
        versionHash: a.versionHash,
        event: { type: "FORWARD", actor: { userId: USERS.drafter, roles: ["office", "approver"] } },
      }),
    );
    expectRefusedUnchanged("FORBIDDEN", () =>
      applyAssetEvent(t.handle, {
        assetId: a.assetId,
        versionHash: a.versionHash,
        event: { type: "FORWARD", actor: { userId: "ghost" } },
      }),
    );
    expectRefusedUnchanged("INVALID_INPUT", () =>
      applyAssetEvent(t.handle, {
        assetId: a.assetId,
        versionHash: a.versionHash,
        event: { type: "EDIT" as "SUBMIT", actor: { userId: USERS.drafter } },
      }),
    );
  });
});

describe("side effects and records", () => {
  it("approve enqueues one publish job bound to the approved version; revoke enqueues unpublish", () => {
    const a = newAsset();
    act(a.assetId, "SUBMIT", USERS.drafter);
    act(a.assetId, "FORWARD", USERS.office, { comment: "Nội dung đúng mục 1.12 của Kế hoạch." });
    const approved = act(a.assetId, "APPROVE", USERS.approver);
    const publish = listOutbox(t.handle, { kind: "publish_asset" });
    expect(publish).toHaveLength(1);
    expect(publish[0].payload).toEqual({
      assetId: a.assetId,
      code: a.code,
      versionId: a.versionId,
      versionHash: a.versionHash,
    });
    expect(approved.outboxIds).toContain(publish[0].id);
    // The stored key is what retryPublish and publishStatus look the job up by.
    expect(publish[0].dedupeKey).toBe(`publish:${a.versionId}`);
    const snapshot = JSON.parse(getAsset(t.handle, a.assetId)!.snapshotJson);
    expect(snapshot.context.approvedVersionHash).toBe(a.versionHash);
    expect(approvedVersionHash(getAsset(t.handle, a.assetId)!)).toBe(a.versionHash);

    expect(markPublished(t.handle, { assetId: a.assetId, versionHash: a.versionHash }).toState).toBe(
      "published",
    );
    act(a.assetId, "REVOKE", USERS.approver, { reason: { code: "off_plan", text: "Sai mục kế hoạch" } });
    const [unpublish] = listOutbox(t.handle, { kind: "unpublish_asset" });
    expect(unpublish.payload).toMatchObject({ wasPublished: true });
    expect(unpublish.dedupeKey).toBe(`unpublish:${a.assetId}`);
    expect(listOutbox(t.handle, { kind: "notify" }).length).toBeGreaterThanOrEqual(5);
    expect(verifyAuditChain(t.handle)).toEqual({ ok: true, count: 6 });
  });

  it("exports the approval record with who, role, when, decision, reason and version hash", () => {
    const a = newAsset();
    act(a.assetId, "SUBMIT", USERS.drafter);
    act(a.assetId, "FORWARD", USERS.office);
    act(a.assetId, "RETURN", USERS.approver, {
      reason: { code: "design_legibility", text: "Chữ quá nhỏ khi treo trên đường" },
    });
    const record = exportApprovalRecord(t.handle, a.assetId)!;
    expect(record.rows.map((r) => [r.action, r.role, r.toState])).toEqual([
      ["CREATE", "drafter", "draft"],
      ["SUBMIT", "drafter", "office_review"],
      ["FORWARD", "office", "awaiting_approval"],
      ["RETURN", "approver", "returned"],
    ]);
    expect(record.rows[3]).toMatchObject({
      who: "Lê Quang Vinh",
      reasonLabel: "Thiết kế, độ dễ đọc",
      versionN: 1,
      versionHash: a.versionHash,
    });
    expect(record.text).toContain("HỒ SƠ PHÊ DUYỆT ẤN PHẨM");
    expect(record.text).toContain("Lê Quang Vinh (Lãnh đạo phê duyệt): Yêu cầu chỉnh sửa");
    expect(record.text).toContain("Lý do: Thiết kế, độ dễ đọc – Chữ quá nhỏ khi treo trên đường");
    expect(record.text).toContain(a.versionHash);
    expect(exportApprovalRecord(t.handle, "nope")).toBeNull();
  });
});
