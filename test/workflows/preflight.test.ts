import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addComment,
  getAsset,
  getVersion,
  listComments,
  listVersions,
  nextAssetCode,
} from "../../storage/assets";
import { type WorkflowError, isWorkflowError } from "../../domain/workflow-error";
import { applyAssetEvent, createAsset, createVersion } from "../../workflows/service";
import { dumpTables, fakeFiles, seededDb, type TempDb, USERS } from "../support/db";
import { refusal } from "../support/errors";

// The preflight report travels with a version: errors refuse its creation and every step towards
// print; warnings are stored and read back for the reviewers. Free text (comments, reasons) runs the
// renderer's cleaning and refuses what it refuses.

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

const GLYPH_ERROR = { code: "GLYPH_MISSING", messageVi: "Khẩu hiệu: phông Oswald không có ký tự “★”." };
const NO_MARKS = {
  code: "TEXT_NO_DIACRITICS",
  messageVi: "Khẩu hiệu không có dấu tiếng Việt nào. Hãy kiểm tra bộ gõ.",
};
const SAFE_AREA = { code: "OUTSIDE_SAFE_AREA", messageVi: "Một phần chữ nằm ngoài vùng an toàn." };

function newAsset(label = "a", preflight?: Parameters<typeof createAsset>[1]["preflight"]) {
  return createAsset(t.handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "tpl",
    formatId: "banner-0.8x5",
    text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
    files: fakeFiles(label),
    ...(preflight !== undefined ? { preflight } : {}),
  });
}

function act(assetId: string, type: string, user: string, extra: Record<string, unknown> = {}) {
  const asset = getAsset(t.handle, assetId)!;
  return applyAssetEvent(t.handle, {
    assetId,
    versionHash: asset.currentVersionHash!,
    event: { type: type as "SUBMIT", actor: { userId: user }, ...extra },
  });
}

function expectRefusedUnchanged(code: string, fn: () => unknown): WorkflowError {
  const before = dumpTables(t.handle);
  const err = refusal(fn, isWorkflowError);
  expect(err.code).toBe(code);
  expect(dumpTables(t.handle)).toEqual(before);
  return err;
}

/** What a version made before (or around) the stored report would hold: crafted straight in the row. */
function setStoredPreflight(versionId: string, json: string | null) {
  t.handle.conn.prepare("UPDATE asset_versions SET preflight_json = ? WHERE id = ?").run(json, versionId);
}

describe("preflight errors refuse before anything is written", () => {
  it("createAsset with a report listing GLYPH_MISSING → PREFLIGHT_FAILED; no asset, no version, no code used", () => {
    const err = expectRefusedUnchanged("PREFLIGHT_FAILED", () =>
      newAsset("star", { ok: false, errors: [GLYPH_ERROR], warnings: [NO_MARKS] }),
    );
    expect(err.messageVi).toContain("★");
    expect(err.details?.errors).toEqual([GLYPH_ERROR]);
    expect(t.handle.conn.prepare("SELECT count(*) AS n FROM assets").get()).toEqual({ n: 0 });
    expect(t.handle.conn.prepare("SELECT count(*) AS n FROM asset_versions").get()).toEqual({ n: 0 });
    expect(nextAssetCode(t.handle, "CCHC-2026", "1.12")).toBe("CCHC-2026-1.12-0001");
  });

  it("createVersion with a report listing errors → PREFLIGHT_FAILED, the asset keeps version 1", () => {
    const a = newAsset("v1", { ok: true, errors: [], warnings: [] });
    const err = expectRefusedUnchanged("PREFLIGHT_FAILED", () =>
      createVersion(t.handle, {
        assetId: a.assetId,
        actor: { userId: USERS.drafter },
        baseVersionHash: a.versionHash,
        text: "★ Cải cách hành chính ★",
        files: fakeFiles("v2"),
        preflight: { ok: false, errors: [GLYPH_ERROR], warnings: [] },
      }),
    );
    expect(err.messageVi).toMatch(/Chưa tạo phiên bản mới: kiểm tra trước khi in phát hiện 1 lỗi/);
    expect(listVersions(t.handle, a.assetId).map((v) => v.n)).toEqual([1]);
  });

  it("SUBMIT of a version whose stored preflight has errors is refused (PREFLIGHT_FAILED), nothing written", () => {
    const a = newAsset("crafted");
    setStoredPreflight(a.versionId, JSON.stringify({ ok: false, errors: [GLYPH_ERROR], warnings: [] }));
    const err = expectRefusedUnchanged("PREFLIGHT_FAILED", () => act(a.assetId, "SUBMIT", USERS.drafter));
    expect(err.messageVi).toContain("Không thể gửi duyệt phiên bản này");
    expect(err.messageVi).toContain(GLYPH_ERROR.messageVi);
    expect(getAsset(t.handle, a.assetId)!.state).toBe("draft");
  });

  it("FORWARD and APPROVE are refused as well; RETURN still sends it back to the drafter", () => {
    const a = newAsset("in-review");
    act(a.assetId, "SUBMIT", USERS.drafter);
    setStoredPreflight(a.versionId, JSON.stringify({ ok: false, errors: [GLYPH_ERROR], warnings: [] }));
    expectRefusedUnchanged("PREFLIGHT_FAILED", () => act(a.assetId, "FORWARD", USERS.office));
    setStoredPreflight(a.versionId, null);
    act(a.assetId, "FORWARD", USERS.office);
    setStoredPreflight(a.versionId, JSON.stringify({ ok: false, errors: [GLYPH_ERROR], warnings: [] }));
    expectRefusedUnchanged("PREFLIGHT_FAILED", () => act(a.assetId, "APPROVE", USERS.approver));
    const r = act(a.assetId, "RETURN", USERS.approver, { reason: { code: "design_legibility", text: "" } });
    expect(r.toState).toBe("returned");
  });

  it("only errors block: a stored report with warnings only lets SUBMIT through", () => {
    const a = newAsset("warn", { ok: true, errors: [], warnings: [NO_MARKS] });
    expect(act(a.assetId, "SUBMIT", USERS.drafter).toState).toBe("office_review");
  });
});

describe("the stored report", () => {
  it("warnings are stored with the version and read back (version and asset views), code and message only", () => {
    const report = {
      ok: true,
      errors: [],
      warnings: [
        { ...NO_MARKS, details: { field: "Khẩu hiệu" } },
        { ...SAFE_AREA, details: { ink: { x: 1 } } },
      ],
    };
    const a = newAsset("warnings", report);
    const expected = { ok: true, errors: [], warnings: [NO_MARKS, SAFE_AREA] };
    expect(getVersion(t.handle, a.versionId)!.preflight).toEqual(expected);
    expect(listVersions(t.handle, a.assetId)[0].preflight).toEqual(expected);
    expect(getAsset(t.handle, a.assetId)!.currentPreflight).toEqual(expected);
    const raw = t.handle.conn
      .prepare("SELECT preflight_json FROM asset_versions WHERE id = ?")
      .get(a.versionId) as { preflight_json: string };
    expect(JSON.parse(raw.preflight_json)).toEqual(expected);
  });

  it("a version without a stored report (made before migration 003) reads as null and is not blocked", () => {
    const a = newAsset("old");
    expect(getVersion(t.handle, a.versionId)!.preflight).toBeNull();
    expect(getAsset(t.handle, a.assetId)!.currentPreflight).toBeNull();
    setStoredPreflight(a.versionId, "not json");
    expect(getVersion(t.handle, a.versionId)!.preflight).toBeNull();
    expect(act(a.assetId, "SUBMIT", USERS.drafter).toState).toBe("office_review");
  });

  it("the stored text is the renderer's cleaned text: NFC, single spaces, trimmed", () => {
    const a = createAsset(t.handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: null,
      templateId: "tpl",
      formatId: "a3",
      text: "  Cải   cách\r\nhành chính  ".normalize("NFD"),
      subtitle: "   ",
      files: fakeFiles("nfc"),
    });
    const v = getVersion(t.handle, a.versionId)!;
    expect(v.text).toBe("Cải cách\nhành chính".normalize("NFC"));
    expect(v.subtitle).toBeNull();
    expect(getAsset(t.handle, a.assetId)!.title).toBe("Cải cách hành chính".normalize("NFC"));
  });

  it("asset text with a zero-width space is refused like the renderer refuses it", () => {
    const err = expectRefusedUnchanged("INVALID_INPUT", () =>
      createAsset(t.handle, {
        actor: { userId: USERS.drafter },
        planId: "cchc-2026",
        contentItemId: null,
        templateId: "tpl",
        formatId: "a3",
        text: "Cải\u200Bcách hành chính",
        files: fakeFiles("zw"),
      }),
    );
    expect(err.details?.textCode).toBe("TEXT_INVALID_CHAR");
    expect(err.messageVi).toContain("U+200B");
  });
});

describe("comments and reasons run the same cleaning", () => {
  it("a RETURN reason with U+202E (right-to-left override) is refused naming the character", () => {
    const a = newAsset();
    act(a.assetId, "SUBMIT", USERS.drafter);
    const err = expectRefusedUnchanged("INVALID_INPUT", () =>
      act(a.assetId, "RETURN", USERS.office, { reason: { code: "other", text: "Sửa lại \u202Edấu" } }),
    );
    expect(err.details?.textCode).toBe("TEXT_INVALID_CHAR");
    expect(err.messageVi).toContain("Lý do");
    expect(err.messageVi).toContain("U+202E");
    expect(err.messageVi).toContain("vị trí 9");
  });

  it("a decision comment with U+202E is refused; a clean one is stored NFC with its line breaks", () => {
    const a = newAsset();
    const err = expectRefusedUnchanged("INVALID_INPUT", () =>
      act(a.assetId, "SUBMIT", USERS.drafter, { comment: "Đã sửa\u202E theo ý kiến" }),
    );
    expect(err.messageVi).toContain("Ý kiến");
    expect(err.messageVi).toContain("U+202E");
    const r = act(a.assetId, "SUBMIT", USERS.drafter, {
      comment: " Đã sửa\r\ntheo  ý kiến ".normalize("NFD"),
    });
    const row = t.handle.conn.prepare("SELECT comment FROM audit_events WHERE id = ?").get(r.auditId) as {
      comment: string;
    };
    expect(row.comment).toBe("Đã sửa\ntheo ý kiến".normalize("NFC"));
  });

  it("an edit note with a zero-width joiner is refused before the version is written", () => {
    const a = newAsset();
    expectRefusedUnchanged("INVALID_INPUT", () =>
      createVersion(t.handle, {
        assetId: a.assetId,
        actor: { userId: USERS.drafter },
        baseVersionHash: a.versionHash,
        text: "Chủ động thực thi",
        files: fakeFiles("v2"),
        comment: "Sửa\u200Dchữ",
      }),
    );
  });

  it("a pinned comment (addComment) with U+202E is refused; an empty one says so in Vietnamese", () => {
    const a = newAsset();
    const bidi = expectRefusedUnchanged("INVALID_INPUT", () =>
      addComment(t.handle, { assetId: a.assetId, authorId: USERS.office, body: "Dòng phụ\u202E thiếu dấu." }),
    );
    expect(bidi.messageVi).toContain("U+202E");
    const empty = expectRefusedUnchanged("INVALID_INPUT", () =>
      addComment(t.handle, { assetId: a.assetId, authorId: USERS.office, body: " \u00A0\n " }),
    );
    expect(empty.messageVi).toBe("Ý kiến không được để trống.");
    const long = expectRefusedUnchanged("COMMENT_TOO_LONG", () =>
      addComment(t.handle, { assetId: a.assetId, authorId: USERS.office, body: "ạ".repeat(2001) }),
    );
    expect(long.messageVi).toContain("2001");
    addComment(t.handle, {
      assetId: a.assetId,
      authorId: USERS.office,
      body: "Dòng phụ  thiếu dấu.".normalize("NFD"),
    });
    expect(listComments(t.handle, a.assetId).map((c) => c.body)).toEqual([
      "Dòng phụ thiếu dấu.".normalize("NFC"),
    ]);
  });
});
