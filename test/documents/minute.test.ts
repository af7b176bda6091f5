import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getVersion } from "../../storage/assets";
import { approvalMinuteData, approvalMinutePdf, MinuteError } from "../../storage/minute";
import { renderApprovalMinutePdf } from "../../templates/documents/minute";
import type { ApprovalMinuteData, MinuteHistoryRow } from "../../templates/documents/minute-data";
import { dateTimeVi } from "../../templates/documents/vn-text";
import { approvedAsset, decide } from "../support/approved-asset";
import { fakeFiles, seededDb, type TempDb, USERS } from "../support/db";
import { createAsset } from "../../workflows/service";
import {
  EDIT_COMMENT,
  type MinuteAsset,
  RETURN_REASON,
  returnedThenApproved,
  V2_TEXT,
} from "./minute-fixture";
import { pdfFonts, pdfInfo, pdfText, saveFirstPage } from "./pdf-tools";

// Issue 13 §4: the approval minute of an approved version, from a real seeded database, read back
// by poppler: one A4 portrait page, real Vietnamese text in embedded fonts, every field, the whole
// decision history; a version never approved has none.

const ORIGIN = "https://codong.lacphuong.example";
const flat = (s: string) => s.replace(/\s+/g, " ");

let t: TempDb;
let a: MinuteAsset;
let data: ApprovalMinuteData;
let pdf: Uint8Array;
let text: string;
beforeAll(async () => {
  t = await seededDb();
  a = await returnedThenApproved(t.handle, "minute");
  data = await approvalMinuteData(t.handle, a.code, { verifyOrigin: ORIGIN });
  pdf = await renderApprovalMinutePdf(data);
  text = flat(pdfText(pdf));
  saveFirstPage(pdf, "minute");
});
afterAll(() => t.cleanup());

describe("the minute's data", () => {
  it("is the approved version 2 with its files, content item, issuer and approver", () => {
    const v2 = getVersion(t.handle, a.v2)!;
    expect(data).toMatchObject({
      issuer: "Ủy ban nhân dân xã Lạc Phượng",
      place: "Lạc Phượng",
      assetCode: a.code,
      versionN: 2,
      contentItem: { code: "1.12" },
      slogan: V2_TEXT,
      subtitle: "Ủy ban nhân dân xã Lạc Phượng",
      formats: [{ label: "Băng rôn 1,2 × 10 m", size: "10000 × 1200 mm" }],
      files: [
        { label: "File in PDF (kích thước thật)", sha256: a.pdfSha },
        { label: "File in PDF tỉ lệ 1:10", sha256: a.scaledSha },
      ],
      verifyCode: v2.verifyCode,
      verifyUrl: `${ORIGIN}/verify/${v2.verifyCode}`,
      approver: { name: "Lê Quang Vinh", title: "Phó Chủ tịch Ủy ban nhân dân xã" },
      stateLabel: "Đã phê duyệt, chờ phát hành",
      digitallySigned: false,
    });
    expect(data.files[0].sha256).toBe(v2.contentHash);
    expect(data.thumbnailPng?.subarray(1, 4)).toEqual(new Uint8Array([0x50, 0x4e, 0x47]));
  });

  it("holds every decision of both versions, oldest first, with names, titles, units and reasons", () => {
    const rows = data.history.map((r) => [r.actionLabel, r.name, r.versionN]);
    expect(rows).toEqual([
      ["Tạo ấn phẩm", "Nguyễn Thị Hồng Nhung", 1],
      ["Gửi duyệt", "Nguyễn Thị Hồng Nhung", 1],
      ["Yêu cầu chỉnh sửa", "Trần Minh Đức", 1],
      ["Tạo phiên bản mới", "Nguyễn Thị Hồng Nhung", 2],
      ["Gửi duyệt", "Nguyễn Thị Hồng Nhung", 2],
      ["Chuyển lãnh đạo phê duyệt", "Trần Minh Đức", 2],
      ["Phê duyệt", "Lê Quang Vinh", 2],
    ]);
    const back = data.history[2];
    expect(back).toMatchObject({
      title: "Công chức Phòng Văn hóa - Xã hội",
      unit: "Phòng Văn hóa - Xã hội",
      roleLabel: "Phòng Văn hóa - Xã hội",
      reason: `Sai dấu/chính tả – ${RETURN_REASON.text}`,
    });
    expect(data.history[3].reason).toBe(`Ý kiến: ${EDIT_COMMENT}`);
    expect(data.approvedAt).toBe(data.history[6].at);
  });

  it("for version 1, never approved, refuses with NOT_APPROVED; unknown assets and versions are not found", async () => {
    const opts = { verifyOrigin: ORIGIN };
    await expect(approvalMinuteData(t.handle, a.code, { ...opts, versionN: 1 })).rejects.toMatchObject({
      code: "NOT_APPROVED",
      messageVi: "Phiên bản này chưa từng được phê duyệt nên chưa có phiếu duyệt.",
    });
    await expect(approvalMinuteData(t.handle, a.code, { ...opts, versionId: a.v1 })).rejects.toBeInstanceOf(
      MinuteError,
    );
    await expect(approvalMinuteData(t.handle, "CCHC-2026-9.99-9999", opts)).rejects.toMatchObject({
      code: "ASSET_NOT_FOUND",
    });
    const other = await returnedThenApproved(t.handle, "other");
    await expect(approvalMinuteData(t.handle, a.code, { ...opts, versionN: 9 })).rejects.toMatchObject({
      code: "VERSION_NOT_FOUND",
    });
    await expect(
      approvalMinuteData(t.handle, a.code, { ...opts, versionId: other.v2 }),
    ).rejects.toMatchObject({ code: "VERSION_NOT_FOUND" });
  });

  it("a draft that was only submitted has no minute", async () => {
    const draft = createAsset(t.handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: "cchc-2026:1.12",
      templateId: "traditional",
      formatId: "bang-ron-1x7",
      text: "Một cửa – một lần đến, trọn việc",
      files: fakeFiles("only-submitted"),
    });
    decide(t.handle, draft.assetId, "SUBMIT", USERS.drafter);
    await expect(approvalMinuteData(t.handle, draft.assetId, { verifyOrigin: ORIGIN })).rejects.toMatchObject(
      {
        code: "NOT_APPROVED",
      },
    );
  });

  it("a revoked version keeps its minute; the history and the state say so", async () => {
    const revoked = approvedAsset(t.handle, "revoked");
    decide(t.handle, revoked.assetId, "REVOKE", USERS.approver);
    const d = await approvalMinuteData(t.handle, revoked.assetId, { verifyOrigin: ORIGIN });
    expect(d.stateLabel).toBe("Đã thu hồi");
    expect(d.history.at(-1)).toMatchObject({
      actionLabel: "Thu hồi",
      reason: "Không đúng nội dung kế hoạch – Sai mục kế hoạch",
    });
  });
});

describe("the minute's PDF", () => {
  it("is one A4 portrait page", () => {
    const info = pdfInfo(pdf);
    expect(info.Pages).toBe("1");
    expect(info["Page size"]).toBe("595.28 x 841.89 pts (A4)");
    expect(info.Title).toBe(`Phiếu duyệt ấn phẩm ${a.code}`);
  });

  it("embeds every font it uses (real text, not outlines)", () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(fonts.some((f) => f.name.includes("NotoSerif-Bold"))).toBe(true);
  });

  it("reads back every field in NFC Vietnamese: motto, commune, codes, item, slogan, format, hashes, history", () => {
    expect(pdfText(pdf)).toBe(pdfText(pdf).normalize("NFC"));
    for (const s of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "ỦY BAN NHÂN DÂN XÃ LẠC PHƯỢNG",
      `Mã ấn phẩm: ${a.code}`,
      "PHIẾU DUYỆT ẤN PHẨM",
      `Phiên bản 2, phê duyệt lúc ${dateTimeVi(data.approvedAt)}`,
      "1.12.",
      V2_TEXT,
      "Băng rôn 1,2 × 10 m — 10000 × 1200 mm",
      a.pdfSha,
      a.scaledSha,
      data.verifyCode,
      data.verifyUrl,
      "QUÁ TRÌNH XỬ LÝ",
      "Nguyễn Thị Hồng Nhung",
      "Trần Minh Đức",
      "Công chức Phòng Văn hóa - Xã hội",
      "Phó Chủ tịch Ủy ban nhân dân xã Lạc Phượng",
      `Sai dấu/chính tả – ${RETURN_REASON.text}`,
      "Phê duyệt (PB 2)",
      "NGƯỜI PHÊ DUYỆT",
      "(Ký, ghi rõ họ tên và đóng dấu)",
      "Lê Quang Vinh",
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/Lạc Phượng, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}/);
    expect(text).not.toContain("lược bớt");
  });

  it("through approvalMinutePdf: unsigned without a key, named after the asset code and version", async () => {
    const out = await approvalMinutePdf(t.handle, a.assetId, { verifyOrigin: ORIGIN });
    expect(out.signed).toBe(false);
    expect(out.fileName).toBe(`Phieu-duyet-${a.code}-v2.pdf`);
    expect(flat(pdfText(out.pdf))).toContain(a.pdfSha);
  });
});

describe("a long history", () => {
  const row = (i: number, action: string): MinuteHistoryRow => ({
    at: new Date(Date.UTC(2026, 2, 1, 1, 0) + i * 3_600_000).toISOString(),
    name: `Người thứ ${i + 1}`,
    title: "Công chức Phòng Văn hóa - Xã hội",
    unit: "Phòng Văn hóa - Xã hội",
    roleLabel: "Phòng Văn hóa - Xã hội",
    actionLabel: action,
    versionN: 1 + Math.floor(i / 4),
    reason:
      i % 4 === 3 ? "Sai dấu/chính tả – chữ “tiện lợi” thiếu dấu; sửa lại dòng phụ cho đúng tên đơn vị" : "",
  });

  it("is set smaller, then shortened in the middle, and stays on one page with the first and the approval", async () => {
    const history = Array.from({ length: 40 }, (_, i) => row(i, i === 39 ? "Phê duyệt" : "Gửi duyệt"));
    const long = await renderApprovalMinutePdf({ ...data, history });
    expect(pdfInfo(long).Pages).toBe("1");
    const read = flat(pdfText(long));
    expect(read).toMatch(/… \d+ mục ở giữa được lược bớt để phiếu gọn trong một trang — xem nhật ký đầy đủ/);
    expect(read).toContain("Người thứ 1 ");
    expect(read).toContain("Người thứ 40 ");
    expect(read).toContain("Phê duyệt (PB 10)");
    expect(read).not.toContain("Người thứ 20 ");
  });

  it("nine events (a return, a new version, its approval and publication) fit whole", async () => {
    const history = Array.from({ length: 9 }, (_, i) => row(i, "Gửi duyệt"));
    const read = flat(pdfText(await renderApprovalMinutePdf({ ...data, history })));
    expect(read).not.toContain("lược bớt");
    for (let i = 1; i <= 9; i++) expect(read).toContain(`Người thứ ${i} `);
  });
});
