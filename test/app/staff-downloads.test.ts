import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { loader as itemZipLoader } from "../../app/routes/download.item.$itemId";
import { loader as pngLoader } from "../../app/routes/download.$versionId";
import { createAsset } from "../../workflows/service";
import { createSession } from "../../storage/users";
import { seededAppDbPerTest } from "../support/app-db";
import { approvedAsset, decide } from "../support/approved-asset";
import { fakeFiles, USERS } from "../support/db";

// Decision 081: staff download approved PNGs and a content item's approved files as one ZIP with
// a manifest; printers keep the print library; nothing before approval leaves this way.

const t = seededAppDbPerTest();
const ITEM = "cchc-2026:1.12";

function get(path: string, user: string): Request {
  const { token } = createSession(t.handle, user);
  return new Request(`http://localhost${path}`, { headers: { cookie: `cd_session=${token}` } });
}

async function pngDownload(versionId: string, user: string): Promise<Response> {
  const request = get(`/download/${versionId}`, user);
  return (await pngLoader({ request, params: { versionId }, context: {} })) as Response;
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const downloads = () =>
  (t.handle.conn.prepare("SELECT COUNT(*) AS n FROM downloads").get() as { n: number }).n;

describe("one approved PNG", () => {
  it("drafter, office and approver get the PNG as an ASCII-named attachment, logged", async () => {
    const a = approvedAsset(t.handle, "png-ok", { formatId: "fb-link-1200x630", screen: true });
    for (const user of [USERS.drafter, USERS.office, USERS.approver]) {
      const res = await pngDownload(a.versionId, user);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(res.headers.get("content-disposition")).toMatch(
        /^attachment; filename="CCHC-2026-1\.12-\d{4}-v1-fb-link-1200x630\.png"$/,
      );
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(a.files.png);
    }
    expect(downloads()).toBe(3);
  });

  it("a version not approved yet is refused with 403 and a Vietnamese message", async () => {
    const created = createAsset(t.handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: ITEM,
      templateId: "traditional",
      formatId: "fb-link-1200x630",
      text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
      files: { png: fakeFiles("draft").png },
    });
    decide(t.handle, created.assetId, "SUBMIT", USERS.drafter);
    const res = await pngDownload(created.versionId, USERS.office);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("phiên bản đã được phê duyệt");
    expect(downloads()).toBe(0);
  });

  it("a printer cannot use the staff route, even for an approved (unpublished) asset", async () => {
    const a = approvedAsset(t.handle, "png-printer", { formatId: "fb-link-1200x630", screen: true });
    const res = await pngDownload(a.versionId, USERS.printer);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Chỉ cán bộ soạn thảo");
  });

  it("signed out: sent to the sign-in page with the way back", async () => {
    const request = new Request("http://localhost/download/x");
    const res = (await pngLoader({ request, params: { versionId: "x" }, context: {} })) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?next=%2Fdownload%2Fx");
  });
});

describe("Tải tất cả: a content item's approved files as a ZIP", () => {
  it("holds each approved file (PDF for print, PNG for screen) and a manifest whose SHA-256 match", async () => {
    const print = approvedAsset(t.handle, "zip-print");
    const screen = approvedAsset(t.handle, "zip-screen", { formatId: "square-1080", screen: true });
    // A submitted one stays out of the ZIP.
    const pending = createAsset(t.handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: ITEM,
      templateId: "traditional",
      formatId: "square-1080",
      text: "Một khẩu hiệu chưa duyệt",
      files: { png: fakeFiles("zip-pending").png },
    });

    const request = get(`/download/item/${encodeURIComponent(ITEM)}`, USERS.office);
    const res = (await itemZipLoader({ request, params: { itemId: ITEM }, context: {} })) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="an-pham-da-duyet-muc-1.12.zip"',
    );
    const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));

    const names = Object.keys(zip).sort();
    expect(names).toHaveLength(4);
    expect(names).toContain("manifest.csv");
    expect(names).toContain("manifest.json");
    const manifest = JSON.parse(new TextDecoder().decode(zip["manifest.json"])) as {
      item: { code: string };
      files: {
        code: string;
        fileName: string;
        sha256: string;
        slogan: string;
        approvedBy: string;
        approvedAt: string;
        format: string;
      }[];
    };
    expect(manifest.item.code).toBe("1.12");
    expect(manifest.files.map((f) => f.code).sort()).toEqual([print.code, screen.code].sort());
    const byFile = new Map(manifest.files.map((f) => [f.fileName, f]));
    const printName = names.find((n) => n.endsWith(".pdf"))!;
    const screenName = names.find((n) => n.endsWith(".png"))!;
    expect(zip[printName]).toEqual(print.files.pdf);
    expect(zip[screenName]).toEqual(screen.files.png);
    for (const name of [printName, screenName]) {
      expect(byFile.get(name)?.sha256).toBe(sha(zip[name]));
      expect(byFile.get(name)?.approvedBy).toBe("Lê Quang Vinh");
      expect(Date.parse(byFile.get(name)?.approvedAt ?? "")).not.toBeNaN();
    }
    expect(manifest.files.some((f) => f.code === pending.code)).toBe(false);
    expect(byFile.get(screenName)?.format).toBe("Bài đăng vuông 1080 × 1080");

    const csv = zip["manifest.csv"];
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(csv.slice(3)).split("\r\n");
    expect(lines[0]).toBe("Mã ấn phẩm,Khẩu hiệu,Khổ,Tên file,SHA-256,Người phê duyệt,Thời điểm phê duyệt");
    expect(lines.filter((l) => l.includes(sha(zip[printName])))).toHaveLength(1);
    expect(downloads()).toBe(2);
  });

  it("an item with nothing approved answers 404; a printer 403", async () => {
    const request = get(`/download/item/${encodeURIComponent(ITEM)}`, USERS.drafter);
    const res = (await itemZipLoader({ request, params: { itemId: ITEM }, context: {} })) as Response;
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("chưa có ấn phẩm nào đã được phê duyệt");
    approvedAsset(t.handle, "zip-printer");
    const asPrinter = get(`/download/item/${encodeURIComponent(ITEM)}`, USERS.printer);
    const refused = (await itemZipLoader({
      request: asPrinter,
      params: { itemId: ITEM },
      context: {},
    })) as Response;
    expect(refused.status).toBe(403);
  });
});
