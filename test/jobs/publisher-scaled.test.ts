/**
 * The 1:10 print file on its way to the print shop (decision 031), with real SQLite, a real folder
 * store and real renders of the 1.2 × 10 m road banner: published beside the true-size file,
 * checked, withdrawn by a revoke, drawn at publish time for versions made without one, downloaded
 * (and logged) by the print shop, and accepted by the verify checks.
 */
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runPublisherOnce } from "../../jobs/publisher";
import { PUBLISHED_KINDS } from "../../jobs/publisher/publish";
import { getVersionFile, listDownloads, slugVerifyCode } from "../../storage/assets";
import { FolderObjectStore, verifyFolderLink } from "../../storage/objects/folder-store.server";
import { objectKey } from "../../storage/objects/index.server";
import {
  issueDownloadLink,
  listPublishedForPrinter,
  verifyByFileHash,
  verifyFile,
} from "../../storage/print-access";
import { listPublishedObjects } from "../../storage/published-objects";
import { getFormat, type PrintFormat } from "../../templates/formats";
import { printPdf, type RenderedSvg, renderAssetFiles, renderSvg } from "../../templates/render/index.server";
import { pageSizeMm } from "../../templates/render/pdf";
import { startRenderPool } from "../../templates/render/pool.server";
import { createAsset } from "../../workflows/service";
import { decide } from "../support/approved-asset";
import { makeTempDir, seededDb, type TempDb, USERS } from "../support/db";

// The publisher draws in this thread: no worker threads to start for a test.
startRenderPool({ workers: 0 });

const BANNER = "bang-ron-1.2x10";
const TEMPLATE = "co-dong-truyen-thong";
const TEXT = "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi";
const ORIGIN = "https://xa.example.vn";
const SECRET = "a-test-secret-of-enough-length";
const CREATED = new Date("2026-03-01T18:30:00Z"); // 01:30 on 02/03/2026 in Vietnam
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

let t: TempDb;
let root: string;
let store: FolderObjectStore;
let svg: RenderedSvg;
/** The road banner's files as the app makes them (pdf, pdf_scaled, png, svg). */
let banner: Awaited<ReturnType<typeof renderAssetFiles>>["files"];

beforeAll(async () => {
  svg = await renderSvg(TEMPLATE, BANNER, { text: TEXT });
  ({ files: banner } = await renderAssetFiles(
    TEMPLATE,
    BANNER,
    { text: TEXT },
    { assetCode: "CCHC-2026-1.12-0001", version: "1", date: "02/03/2026" },
    CREATED,
  ));
});
beforeEach(async () => {
  t = await seededDb();
  root = makeTempDir("co-dong-scaled-");
  store = new FolderObjectStore({ root, linkSecret: SECRET });
});
afterEach(() => {
  t.cleanup();
  rmSync(root, { recursive: true, force: true });
});

const bytesOf = (kind: string) => banner.find((f) => f.kind === kind)!.bytes;

/** A road banner asset, submitted, forwarded and approved; `scaled: false` = made before 1:10 files. */
function approvedBanner(scaled = true) {
  const created = createAsset(t.handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: TEMPLATE,
    formatId: BANNER,
    text: TEXT,
    placement: "road",
    quantity: 2,
    files: {
      pdf: bytesOf("pdf"),
      ...(scaled ? { pdf_scaled: bytesOf("pdf_scaled") } : {}),
      png: bytesOf("png"),
      svg: bytesOf("svg"),
    },
    now: CREATED,
  });
  for (const [type, user] of [
    ["SUBMIT", USERS.drafter],
    ["FORWARD", USERS.office],
    ["APPROVE", USERS.approver],
  ] as const)
    decide(t.handle, created.assetId, type, user);
  return created;
}

const keyOf = (assetId: string, scale?: number) =>
  objectKey({ year: 2026, contentItem: "1.12", assetId, version: 1, format: BANNER, ext: "pdf", scale });

describe("publishing a format over 5.08 m", () => {
  it("uploads the 1:10 file beside the true-size one: both recorded, both sha-256 checked", async () => {
    expect(PUBLISHED_KINDS).toEqual(["pdf", "pdf_scaled", "png"]);
    const a = approvedBanner();
    expect(await runPublisherOnce({ db: t.handle, store, publicOrigin: ORIGIN })).toMatchObject({
      published: 1,
      failed: 0,
    });
    const objects = listPublishedObjects(t.handle.conn, { versionId: a.versionId });
    expect(objects.map((o) => o.kind).sort()).toEqual(["pdf", "pdf_scaled", "png"]);
    const scaledKey = keyOf(a.assetId, 10);
    expect(scaledKey).toMatch(/\/v1\/bang-ron-1\.2x10_ti-le-1-10\.pdf$/);
    for (const [kind, key] of [
      ["pdf", keyOf(a.assetId)],
      ["pdf_scaled", scaledKey],
    ] as const) {
      const row = objects.find((o) => o.kind === kind)!;
      expect(row.key).toBe(key);
      expect(row.sha256).toBe(sha(bytesOf(kind)));
      const stored = await store.get(key);
      expect(sha(stored)).toBe(row.sha256);
      expect(row.withdrawnAt).toBeNull();
    }
    // The true-size file stays what the version is; the 1:10 file says its scale and that binding.
    expect(a.versionHash).toBe(sha(bytesOf("pdf")));
    const stat = await store.stat(scaledKey);
    expect(stat?.metadata).toMatchObject({
      "file-kind": "pdf_scaled",
      "print-scale": "1:10",
      "approved-sha256": a.versionHash,
    });
    expect((await store.stat(keyOf(a.assetId)))?.metadata["print-scale"]).toBeUndefined();
    const published = t.handle.conn
      .prepare("SELECT comment FROM audit_events WHERE asset_id = ? AND action = 'PUBLISHED'")
      .get(a.assetId) as { comment: string };
    expect(published.comment).toContain(scaledKey);
  });

  it("a revoke withdraws both files", async () => {
    const a = approvedBanner();
    await runPublisherOnce({ db: t.handle, store, publicOrigin: ORIGIN });
    decide(t.handle, a.assetId, "REVOKE", USERS.approver);
    expect(await runPublisherOnce({ db: t.handle, store })).toMatchObject({ withdrawn: 1 });
    const objects = listPublishedObjects(t.handle.conn, { versionId: a.versionId });
    expect(objects).toHaveLength(3);
    for (const o of objects) expect(o.withdrawnAt, o.kind).not.toBeNull();
    await expect(
      issueDownloadLink({
        db: t.handle,
        store,
        assetId: a.assetId,
        userId: USERS.printer,
        roles: ["printer"],
        kind: "pdf_scaled",
      }),
    ).rejects.toMatchObject({ code: "REVOKED" });
  });

  it("a version made before 1:10 files gets one at publish: drawn from its SVG with its own slug, stored first", async () => {
    const a = approvedBanner(false);
    expect(getVersionFile(t.handle, a.versionId, "pdf_scaled")).toBeNull();
    const log: string[] = [];
    expect(
      await runPublisherOnce({
        db: t.handle,
        store,
        publicOrigin: `${ORIGIN}/`,
        log: (_level, msg) => log.push(msg),
      }),
    ).toMatchObject({ published: 1, failed: 0 });
    const stored = getVersionFile(t.handle, a.versionId, "pdf_scaled");
    expect(stored).not.toBeNull();
    expect(log.join("\n")).toContain("1:10 print file drawn from the stored SVG");
    // What the app would have made with the version: its code, number, Vietnamese date, verify
    // code and QR link, and creation time; built here from those facts, not from the publisher.
    const code = slugVerifyCode(a.code, 1);
    const expected = await printPdf(
      svg,
      {
        assetCode: a.code,
        version: "1",
        date: "02/03/2026",
        verifyCode: code,
        verifyUrl: `${ORIGIN}/verify/${code}`,
      },
      CREATED,
      10,
    );
    expect(sha(stored!.bytes)).toBe(sha(expected.bytes));
    expect(expected.slugLines[0]).toContain("TỶ LỆ 1:10");
    // A tenth of the true-size page, with no /UserUnit.
    const page = pageSizeMm(getFormat(BANNER) as PrintFormat);
    expect(expected.userUnit).toBe(1);
    expect(Math.abs((expected.pageWidthPt * 25.4) / 72 - page.widthMm / 10)).toBeLessThan(0.5);
    // Uploaded and recorded like the others, from the bytes now stored with the version.
    const row = listPublishedObjects(t.handle.conn, { versionId: a.versionId }).find(
      (o) => o.kind === "pdf_scaled",
    );
    expect(row?.sha256).toBe(stored!.sha256);
    expect(sha(await store.get(keyOf(a.assetId, 10)))).toBe(stored!.sha256);
  });

  it("a version whose stored SVG cannot be drawn is still published, with the true-size file alone", async () => {
    const a = approvedBanner(false);
    t.handle.conn
      .prepare("UPDATE version_files SET bytes = ? WHERE version_id = ? AND kind = 'svg'")
      .run(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), a.versionId);
    const log: string[] = [];
    expect(
      await runPublisherOnce({ db: t.handle, store, log: (level, msg) => log.push(`${level} ${msg}`) }),
    ).toMatchObject({ published: 1, failed: 0 });
    expect(listPublishedObjects(t.handle.conn, { versionId: a.versionId }).map((o) => o.kind)).toEqual(
      expect.not.arrayContaining(["pdf_scaled"]),
    );
    expect(log.join("\n")).toMatch(/warn .*1:10 print file not drawn/);
  });

  it("an A3 poster publishes no 1:10 file", async () => {
    const { files } = await renderAssetFiles(
      "chinh-quyen-so",
      "a3",
      { text: TEXT },
      { assetCode: "X", date: "02/03/2026" },
      CREATED,
    );
    const pick = (k: string) => files.find((f) => f.kind === k)?.bytes;
    const created = createAsset(t.handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: "cchc-2026:1.12",
      templateId: "chinh-quyen-so",
      formatId: "a3",
      text: TEXT,
      files: { pdf: pick("pdf"), png: pick("png"), svg: pick("svg") },
    });
    for (const [type, user] of [
      ["SUBMIT", USERS.drafter],
      ["FORWARD", USERS.office],
      ["APPROVE", USERS.approver],
    ] as const)
      decide(t.handle, created.assetId, type, user);
    expect(await runPublisherOnce({ db: t.handle, store, publicOrigin: ORIGIN })).toMatchObject({
      published: 1,
    });
    const kinds = listPublishedObjects(t.handle.conn, { versionId: created.versionId }).map((o) => o.kind);
    expect(kinds.sort()).toEqual(["pdf", "png"]);
    expect(getVersionFile(t.handle, created.versionId, "pdf_scaled")).toBeNull();
  });
});

describe("the print shop and the verify checks", () => {
  it("lists both files, downloads the 1:10 file under a name with its scale, logged as pdf_scaled", async () => {
    const a = approvedBanner();
    await runPublisherOnce({ db: t.handle, store, publicOrigin: ORIGIN });
    const listed = listPublishedForPrinter(t.handle).find((p) => p.assetId === a.assetId)!;
    expect(listed.files.map((f) => f.kind)).toEqual(["pdf", "pdf_scaled", "png"]);
    expect(listed.spec.printScale).toBe(10);
    const link = await issueDownloadLink({
      db: t.handle,
      store,
      assetId: a.assetId,
      userId: USERS.printer,
      roles: ["printer"],
      kind: "pdf_scaled",
    });
    expect(link.key).toBe(keyOf(a.assetId, 10));
    expect(link.sha256).toBe(sha(bytesOf("pdf_scaled")));
    const token = decodeURIComponent(link.url.slice("/files/".length));
    expect(verifyFolderLink(token, SECRET).downloadName).toBe(`${a.code}-v1-${BANNER}_ti-le-1-10.pdf`);
    const pdfLink = await issueDownloadLink({
      db: t.handle,
      store,
      assetId: a.assetId,
      userId: USERS.printer,
      roles: ["printer"],
      kind: "pdf",
    });
    expect(verifyFolderLink(decodeURIComponent(pdfLink.url.slice(7)), SECRET).downloadName).toBe(
      `${a.code}-v1-${BANNER}.pdf`,
    );
    expect(
      listDownloads(t.handle, a.assetId)
        .map((d) => d.file_kind)
        .sort(),
    ).toEqual(["pdf", "pdf_scaled"]);
  });

  it("verify accepts the true-size and the 1:10 file of the version, and nothing else", async () => {
    const a = approvedBanner();
    await runPublisherOnce({ db: t.handle, store, publicOrigin: ORIGIN });
    const code = slugVerifyCode(a.code, 1);
    const full = verifyFile(t.handle, code, bytesOf("pdf"), "public");
    expect(full).toMatchObject({ identical: true, matchedKind: "pdf", status: "published" });
    const scaled = verifyFile(t.handle, code, bytesOf("pdf_scaled"), "public");
    expect(scaled).toMatchObject({ identical: true, matchedKind: "pdf_scaled", status: "published" });
    const other = verifyFile(t.handle, code, new TextEncoder().encode("%PDF-1.7 not it"), "public");
    expect(other).toMatchObject({ identical: false, matchedKind: null });
    // By the file alone (the /verify page's upload): both name the same version.
    for (const kind of ["pdf", "pdf_scaled"]) {
      const found = verifyByFileHash(t.handle, sha(bytesOf(kind)), "public");
      expect(found, kind).toMatchObject({ assetCode: a.code, version: 1, status: "published" });
    }
    expect(verifyByFileHash(t.handle, sha(bytesOf("png")).replace(/^./, "0"), "public")).toBeNull();
  });
});
