// The 1:10 print file through the web app (decision 031), with a real rendered road banner, a real
// SQLite database and the folder store: the print library labels both files, the print shop's
// download of the 1:10 file is logged as pdf_scaled and arrives under a name with its scale, staff
// can take it too, and the verify page by code accepts it as a file of that version.
import { rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loader as staffLoader } from "../../app/routes/download.$versionId";
import { loader as filesLoader } from "../../app/routes/files.$token";
import { action as downloadAction } from "../../app/routes/print.$assetId.download";
import { loader as printLoader } from "../../app/routes/print._index";
import { action as verifyCodeAction } from "../../app/routes/verify.$code";
import { appObjectStore } from "../../app/lib/stores.server";
import { runPublisherOnce } from "../../jobs/publisher";
import { listDownloads, slugVerifyCode } from "../../storage/assets";
import { resetObjectStoreForTests } from "../../storage/objects/index.server";
import { createSession } from "../../storage/users";
import { type RenderedFile, renderAssetFiles } from "../../templates/render/index.server";
import { createAsset } from "../../workflows/service";
import { seededAppDbPerTest } from "../support/app-db";
import { decide } from "../support/approved-asset";
import { makeTempDir, USERS } from "../support/db";
import { setEnv } from "../support/env";

const t = seededAppDbPerTest();
const BANNER = "bang-ron-1.2x10";
const TEXT = "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi";
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
let files: RenderedFile[];
let dataDir: string;

beforeAll(async () => {
  ({ files } = await renderAssetFiles(
    "co-dong-truyen-thong",
    BANNER,
    { text: TEXT },
    {
      assetCode: "CCHC-2026-1.12-0001",
      version: "1",
      date: "02/03/2026",
    },
  ));
});
beforeEach(() => {
  dataDir = makeTempDir("co-dong-scaled-app-");
  setEnv({
    DATA_DIR: dataDir,
    OBJECT_LINK_SECRET: "a-test-secret-of-enough-length",
    MINIO_ENDPOINT: undefined,
  });
  resetObjectStoreForTests();
});
afterEach(() => {
  resetObjectStoreForTests();
  rmSync(dataDir, { recursive: true, force: true });
});

const bytes = (kind: string) => files.find((f) => f.kind === kind)!.bytes;
const cookie = (user: string) => `cd_session=${createSession(t.handle, user).token}`;

async function publishedBanner() {
  const a = createAsset(t.handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "co-dong-truyen-thong",
    formatId: BANNER,
    text: TEXT,
    files: { pdf: bytes("pdf"), pdf_scaled: bytes("pdf_scaled"), png: bytes("png"), svg: bytes("svg") },
  });
  for (const [type, user] of [
    ["SUBMIT", USERS.drafter],
    ["FORWARD", USERS.office],
    ["APPROVE", USERS.approver],
  ] as const)
    decide(t.handle, a.assetId, type, user);
  expect(await runPublisherOnce({ db: t.handle, store: appObjectStore() })).toMatchObject({ published: 1 });
  return a;
}

function post(path: string, user: string, body: BodyInit = ""): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: {
      cookie: cookie(user),
      origin: "http://localhost",
      "content-type": "application/x-www-form-urlencoded",
    },
    body,
  });
}

describe("the print library", () => {
  it("labels both files with the RIP each is for", async () => {
    const a = await publishedBanner();
    const request = new Request("http://localhost/print", { headers: { cookie: cookie(USERS.printer) } });
    const d = await printLoader({ request, params: {}, context: {} });
    const card = d.assets.find((x) => x.id === a.assetId)!;
    expect(card.printFiles).toEqual([
      {
        kind: "pdf",
        label: "File in đúng kích thước (cho RIP đọc được /UserUnit)",
        sha256: sha(bytes("pdf")),
      },
      {
        kind: "pdf_scaled",
        label: "File tỷ lệ 1:10 (phóng 1000% khi in; cho RIP không đọc /UserUnit)",
        sha256: sha(bytes("pdf_scaled")),
      },
    ]);
  });

  it("downloads the 1:10 file (logged as pdf_scaled), named with its scale; the true-size link still works", async () => {
    const a = await publishedBanner();
    for (const [kind, suffix] of [
      ["pdf_scaled", "_ti-le-1-10.pdf"],
      ["pdf", ".pdf"],
    ] as const) {
      const res = (await downloadAction({
        request: post(`/print/${a.assetId}/download?kind=${kind}`, USERS.printer),
        params: { assetId: a.assetId },
        context: {},
      })) as Response;
      expect(res.status).toBe(302);
      const location = res.headers.get("location")!;
      const fileCookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
      const got = await filesLoader({
        request: new Request(`http://localhost${location}`, { headers: { cookie: fileCookie } }),
        params: { token: location.slice("/files/".length) },
        context: {},
      });
      expect(got.status).toBe(200);
      expect(sha(new Uint8Array(await got.arrayBuffer()))).toBe(sha(bytes(kind)));
      expect(got.headers.get("content-disposition")).toContain(`${a.code}-v1-${BANNER}${suffix}`);
    }
    expect(listDownloads(t.handle, a.assetId).map((d) => d.file_kind)).toEqual(
      expect.arrayContaining(["pdf_scaled", "pdf"]),
    );
  });
});

describe("staff download and the verify page", () => {
  it("staff take the 1:10 PDF at /download/<version>?file=pdf_scaled; an unknown kind is a 400", async () => {
    const a = await publishedBanner();
    const get = (q: string) =>
      staffLoader({
        request: new Request(`http://localhost/download/${a.versionId}${q}`, {
          headers: { cookie: cookie(USERS.office) },
        }),
        params: { versionId: a.versionId },
        context: {},
      }) as Promise<Response>;
    const res = await get("?file=pdf_scaled");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="${a.code}-v1-${BANNER}_ti-le-1-10.pdf"`,
    );
    expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(sha(bytes("pdf_scaled")));
    const bad = await get("?file=svg");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Loại file không hợp lệ");
  });

  it("the verify page by code says the bytes are the 1:10 file of this version", async () => {
    const a = await publishedBanner();
    const code = slugVerifyCode(a.code, 1);
    const check = async (hex: string) =>
      (await verifyCodeAction({
        request: post(`/verify/${code}`, USERS.drafter, new URLSearchParams({ sha256: hex })),
        params: { code },
        context: {},
      })) as { identical: boolean | null; matched: string | null };
    expect(await check(sha(bytes("pdf_scaled")))).toMatchObject({
      identical: true,
      matched: "file in tỷ lệ 1:10",
    });
    expect(await check(sha(bytes("pdf")))).toMatchObject({ identical: true, matched: "file in" });
    expect(await check("0".repeat(64))).toMatchObject({ identical: false, matched: null });
  });
});
