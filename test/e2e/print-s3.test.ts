import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { objectLinkOrigins } from "../../app/lib/object-origin.server";
import { type Env, parseEnv } from "../../config/env.server";
import { approvedAssetInDbFile } from "../support/approved-asset";
import { fakeFiles } from "../support/db";
import { startVersity, type VersityServer } from "../support/versitygw";
import { jsErrors, launch, signedIn } from "./browser";
import { startServer, type TestServer } from "./server";

// Issue 11 A11: with MINIO_ENDPOINT set, "Tải file in" POSTs to the app, which redirects to a
// presigned URL on the S3 server; the page's CSP `form-action 'self'` made Chromium refuse to follow
// that redirect, so the click did nothing. workflow.test.ts covers the folder store; this runs the
// same browser path against a real S3 server (Versity Gateway).

const LABEL = "print-s3";

let versity: VersityServer | undefined;
let server: TestServer | undefined;
let browser: Browser | undefined;
let assetId = "";

function row<T>(sql: string, ...args: unknown[]): T {
  const db = new Database(path.join(server!.dataDir, "co-dong.sqlite"), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return db.prepare(sql).get(...args) as T;
  } finally {
    db.close();
  }
}

/** The CSP of a public page, asked for with a Host header the client chose. */
function cspWithHost(url: string, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/verify`, { headers: { Host: host } }, (res) => {
      res.resume();
      resolve(String(res.headers["content-security-policy"] ?? ""));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  versity = await startVersity();
  server = await startServer({ ...versity.env, MINIO_BUCKET: "co-dong-print" });
  // One approved asset, written to the database the way publisher-restart.test.ts does; the running
  // server's publisher uploads it to the S3 server.
  assetId = approvedAssetInDbFile(path.join(server.dataDir, "co-dong.sqlite"), LABEL).assetId;
  const deadline = Date.now() + 30_000;
  while (row<{ state: string }>("SELECT state FROM assets WHERE id = ?", assetId).state !== "published") {
    if (Date.now() > deadline) throw new Error(`publisher did not publish to S3 within 30 s:\n${server.log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await versity?.dispose();
});

it("the download origin allowed by the CSP comes from the S3 configuration, never from the request", async () => {
  const origins = (env: Env) => objectLinkOrigins(parseEnv(env).objectStore);
  const s3 = { MINIO_ENDPOINT: "minio.internal", MINIO_ACCESS_KEY: "a", MINIO_SECRET_KEY: "b" };
  expect(origins({ ...s3, MINIO_PUBLIC_URL: "https://files.xa.example.vn" })).toEqual([
    "https://files.xa.example.vn",
  ]);
  expect(origins({ ...s3, MINIO_PORT: "9000" })).toEqual(["http://minio.internal:9000"]);
  expect(origins({ ...s3, MINIO_PORT: "443", MINIO_USE_SSL: "true" })).toEqual(["https://minio.internal"]);
  expect(origins({ ...s3, MINIO_ENDPOINT: "::1", MINIO_PORT: "9000" })).toEqual(["http://[::1]:9000"]);
  // Nothing that could add a source or a directive to the policy.
  expect(origins({ ...s3, MINIO_PUBLIC_URL: "https://a;script-src" })).toEqual([]);
  expect(origins({ ...s3, MINIO_ENDPOINT: "x;y" })).toEqual([]);
  // Folder store: same-origin /files/ links need nothing; an absolute link base needs its origin.
  expect(origins({ DATA_DIR: "/tmp/x" })).toEqual([]);
  expect(origins({ OBJECT_LINK_BASE_URL: "https://dl.xa.example.vn/files/" })).toEqual([
    "https://dl.xa.example.vn",
  ]);

  const csp = await cspWithHost(server!.url, "evil.example:8080");
  const formAction = csp.split(";").find((d) => d.trim().startsWith("form-action"));
  expect(formAction?.trim()).toBe(`form-action 'self' ${versity!.url}`);
});

it("the printer's 'Tải file in' downloads the approved PDF from the S3 server in Chromium", async () => {
  const { context, page } = await signedIn(browser!, server!.url, "inan");
  try {
    const card = page.locator(".print-card").filter({ has: page.locator("[data-download]") });
    await expect.poll(() => card.count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 15_000 }).catch((e: Error) => {
        throw new Error(
          `no download after clicking "Tải file in" (${e.message}); page errors: ${jsErrors(page)}`,
        );
      }),
      card.locator("[data-download]").click(),
    ]);
    expect(await download.failure()).toBeNull();
    // Served by the S3 server through the presigned link, not by the app.
    expect(new URL(download.url()).origin).toBe(versity!.url);
    const bytes = readFileSync(await download.path());
    expect(Buffer.compare(bytes, Buffer.from(fakeFiles(LABEL).pdf))).toBe(0);
    const approved = row<{ content_hash: string }>(
      "SELECT v.content_hash FROM asset_versions v JOIN assets a ON a.current_version_id = v.id WHERE a.id = ?",
      assetId,
    );
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(approved.content_hash);
    // The download is still a logged event.
    expect(row<{ n: number }>("SELECT count(*) AS n FROM downloads WHERE asset_id = ?", assetId).n).toBe(1);
    expect(jsErrors(page)).toEqual([]);
  } finally {
    await context.close();
  }
});
