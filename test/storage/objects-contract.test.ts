/**
 * One contract, two stores: the folder store and the S3 store against a real Versity Gateway.
 * Whatever the publisher and the download route rely on must hold for both.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FolderObjectStore,
  type ObjectStore,
  ObjectStoreError,
  S3ObjectStore,
  contentDisposition,
} from "../../storage/objects/index.server";
import { startVersity, type VersityServer } from "../support/versitygw";

interface Harness {
  store: ObjectStore;
  /** HTTP status an expired link gets. */
  expiredStatus: number;
  close(): Promise<void>;
}

async function expectCode(p: Promise<unknown>, code: string): Promise<ObjectStoreError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ObjectStoreError ${code}`).toBeInstanceOf(ObjectStoreError);
  expect((err as ObjectStoreError).code).toBe(code);
  return err as ObjectStoreError;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const VI_META = {
  approver: "Nguyễn Văn Đức",
  title: "Chủ động thực thi; phát huy động lực; tăng trưởng bứt phá",
  unit: "Phòng Văn hóa - Xã hội",
  code: "1.12",
  "looks-encoded": "=?UTF-8?B?SGVsbG8=?=",
  padded: "  có khoảng trắng  ",
};

function contract(name: string, setup: () => Promise<Harness>) {
  describe(`ObjectStore contract: ${name}`, () => {
    let h: Harness;
    let store: ObjectStore;
    // A fresh prefix per run keeps cases independent even on a shared bucket.
    const run = `t${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
    let n = 0;
    const key = (leaf = "file.pdf") => `${run}/c${++n}/${leaf}`;

    beforeAll(async () => {
      h = await setup();
      store = h.store;
      await store.ensureBucket();
    });
    afterAll(async () => {
      await h?.close();
    });

    it("put records sha-256, size and etag; get and stat return the same object", async () => {
      const k = key();
      const bytes = randomBytes(70_000);
      const res = await store.put(k, bytes, { contentType: "application/pdf", metadata: { code: "1.12" } });
      expect(res.key).toBe(k);
      expect(res.size).toBe(bytes.length);
      expect(res.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(res.etag).toMatch(/^[0-9a-f]{32}$/);
      expect(res.retainedUntil).toBeNull();
      const st = await store.stat(k);
      expect(st).toMatchObject({ size: bytes.length, sha256: res.sha256, contentType: "application/pdf" });
      expect(st?.metadata).toEqual({ code: "1.12" });
      expect(st?.lastModified).toBeInstanceOf(Date);
      expect(Math.abs(Date.now() - st!.lastModified.getTime())).toBeLessThan(120_000);
      expect((await store.get(k)).equals(bytes)).toBe(true);
      expect(await store.exists(k)).toBe(true);
    });

    it("round-trips Vietnamese metadata values exactly", async () => {
      const k = key();
      await store.put(k, Buffer.from("x"), { contentType: "text/plain; charset=utf-8", metadata: VI_META });
      const st = await store.stat(k);
      expect(st?.metadata).toEqual(VI_META);
      expect(st?.contentType).toBe("text/plain; charset=utf-8");
    });

    it("NFC-normalises metadata so decomposed input reads back composed", async () => {
      const k = key();
      await store.put(k, Buffer.from("x"), {
        contentType: "text/plain",
        metadata: { name: "Đức".normalize("NFD") },
      });
      expect((await store.stat(k))?.metadata.name).toBe("Đức".normalize("NFC"));
    });

    it("accepts a Uint8Array view with an offset and empty objects", async () => {
      const k = key();
      const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
      const res = await store.put(k, backing.subarray(2, 5), {
        contentType: "application/octet-stream",
        metadata: {},
      });
      expect(res.size).toBe(3);
      expect([...(await store.get(k))]).toEqual([1, 2, 3]);
      const empty = key("empty.bin");
      const r0 = await store.put(empty, new Uint8Array(0), {
        contentType: "application/octet-stream",
        metadata: {},
      });
      expect(r0.size).toBe(0);
      expect((await store.get(empty)).length).toBe(0);
    });

    it("overwrites an unretained object and reports the new checksum", async () => {
      const k = key();
      const a = await store.put(k, Buffer.from("first"), { contentType: "text/plain", metadata: { v: "1" } });
      const b = await store.put(k, Buffer.from("second!"), {
        contentType: "text/plain",
        metadata: { v: "2" },
      });
      expect(b.sha256).not.toBe(a.sha256);
      const st = await store.stat(k);
      expect(st).toMatchObject({ size: 7, sha256: b.sha256, metadata: { v: "2" } });
      expect((await store.get(k)).toString()).toBe("second!");
    });

    it("verify: 'read' re-reads the stored bytes", async () => {
      const k = key();
      const res = await store.put(k, Buffer.from("verified"), {
        contentType: "text/plain",
        metadata: {},
        verify: "read",
      });
      expect(res.size).toBe(8);
    });

    it("missing objects: stat null, exists false, get NOT_FOUND, delete is a no-op", async () => {
      const k = key("missing.pdf");
      expect(await store.stat(k)).toBeNull();
      expect(await store.exists(k)).toBe(false);
      await expectCode(store.get(k), "NOT_FOUND");
      await store.delete(k);
    });

    it("delete removes the object", async () => {
      const k = key();
      await store.put(k, Buffer.from("bye"), { contentType: "text/plain", metadata: {} });
      await store.delete(k);
      expect(await store.exists(k)).toBe(false);
      await expectCode(store.get(k), "NOT_FOUND");
    });

    it("list(prefix) returns every key below the prefix, sorted, and nothing else", async () => {
      const base = `${run}/list`;
      const keys = [`${base}/b/v1/x.pdf`, `${base}/a/v2/y.png`, `${base}/a/v1/z.pdf`, `${base}x/other.pdf`];
      for (const k of keys) await store.put(k, Buffer.from(k), { contentType: "text/plain", metadata: {} });
      const listed = await store.list(`${base}/`);
      expect(listed.map((o) => o.key)).toEqual([
        `${base}/a/v1/z.pdf`,
        `${base}/a/v2/y.png`,
        `${base}/b/v1/x.pdf`,
      ]);
      expect(listed[0].size).toBe(Buffer.byteLength(`${base}/a/v1/z.pdf`));
      expect(listed[0].lastModified).toBeInstanceOf(Date);
      // A prefix that is not a whole segment still matches like S3 does.
      expect((await store.list(`${base}`)).length).toBe(4);
      expect(await store.list(`${run}/nothing-here/`)).toEqual([]);
    });

    it("rejects bad keys with BAD_KEY before touching storage", async () => {
      const opts = { contentType: "text/plain", metadata: {} };
      for (const bad of [
        "../etc/passwd",
        "/abs/key",
        "a//b",
        "a/../b",
        "Băng rôn/x",
        "UPPER/x",
        "a/b/",
        "",
        "a/./b",
      ]) {
        await expectCode(store.put(bad, Buffer.from("x"), opts), "BAD_KEY");
        await expectCode(store.get(bad), "BAD_KEY");
        await expectCode(store.stat(bad), "BAD_KEY");
        await expectCode(store.delete(bad), "BAD_KEY");
        await expectCode(store.presignGet(bad, { expiresSeconds: 60 }), "BAD_KEY");
      }
      await expectCode(store.list("../"), "BAD_KEY");
    });

    it("rejects invalid or reserved metadata keys with BAD_METADATA", async () => {
      const k = key();
      for (const metadata of <Record<string, string>[]>[
        { sha256: "forged" },
        { "có dấu": "x" },
        { "a b": "x" },
        { big: "x".repeat(5000) },
      ]) {
        await expectCode(
          store.put(k, Buffer.from("x"), { contentType: "text/plain", metadata }),
          "BAD_METADATA",
        );
      }
      expect(await store.exists(k)).toBe(false);
    });

    it("presignGet gives a link that downloads the same bytes under the Vietnamese file name", async () => {
      const k = key("bang-ron.pdf");
      const bytes = randomBytes(4096);
      await store.put(k, bytes, { contentType: "application/pdf", metadata: {} });
      const url = await store.presignGet(k, { expiresSeconds: 60, downloadName: "Băng rôn Đường 1.12.pdf" });
      expect(typeof url).toBe("string");
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
      expect(res.headers.get("content-disposition")).toBe(contentDisposition("Băng rôn Đường 1.12.pdf"));
    });

    it("an expired link (1 s, fetched after ~2 s) is refused", async () => {
      const k = key();
      await store.put(k, Buffer.from("short-lived"), { contentType: "text/plain", metadata: {} });
      const url = await store.presignGet(k, { expiresSeconds: 1 });
      await sleep(2100);
      const res = await fetch(url);
      expect(res.status).toBe(h.expiredStatus);
      expect(await res.text()).not.toBe("short-lived");
    });

    it("retention (skipped only when supportsObjectLock() reports false): retained objects refuse delete and overwrite until the date passes", async (ctx) => {
      if (!(await store.supportsObjectLock())) ctx.skip();
      const k = key("approved.pdf");
      const until = new Date(Date.now() + 4000);
      const res = await store.put(k, Buffer.from("approved"), {
        contentType: "application/pdf",
        metadata: { approver: "Phó Chủ tịch UBND xã" },
        retainUntil: until,
      });
      expect(res.retainedUntil?.getTime()).toBe(until.getTime());
      const st = await store.stat(k);
      expect(st?.retentionMode).toBe("GOVERNANCE");
      expect(Math.abs(st!.retainUntil!.getTime() - until.getTime())).toBeLessThan(1000);
      await expectCode(store.delete(k), "RETENTION");
      await expectCode(
        store.put(k, Buffer.from("tampered"), { contentType: "application/pdf", metadata: {} }),
        "RETENTION",
      );
      expect((await store.get(k)).toString()).toBe("approved");
      await sleep(until.getTime() - Date.now() + 1200);
      await store.delete(k);
      expect(await store.exists(k)).toBe(false);
    });
  });
}

contract("folder", async () => {
  const dir = mkdtempSync(join(tmpdir(), "objects-folder-"));
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  const store = new FolderObjectStore({
    root: join(dir, "objects"),
    linkBaseUrl: `http://127.0.0.1:${port}/files/`,
  });
  // Stands in for the web app's /files/<token> route, built only from the store's public API.
  server.on("request", async (req, res) => {
    try {
      const token = decodeURIComponent((req.url ?? "").replace(/^\/files\//, ""));
      const link = store.verifyFolderLink(token);
      const st = await store.stat(link.key);
      const bytes = await store.get(link.key);
      const headers: Record<string, string> = { "content-type": st!.contentType };
      if (link.downloadName) headers["content-disposition"] = contentDisposition(link.downloadName);
      res.writeHead(200, headers).end(bytes);
    } catch (err) {
      const code = err instanceof ObjectStoreError ? err.code : "INTERNAL";
      res.writeHead(code === "NOT_FOUND" ? 404 : code === "INTERNAL" ? 500 : 403).end(code);
    }
  });
  return {
    store,
    expiredStatus: 403,
    async close() {
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

contract("s3 (Versity Gateway)", async () => {
  const gw: VersityServer = await startVersity();
  const store = new S3ObjectStore({
    endPoint: gw.endpoint,
    port: gw.port,
    useSSL: false,
    accessKey: gw.accessKey,
    secretKey: gw.secretKey,
    region: gw.region,
    bucket: "co-dong",
    publicUrl: gw.url,
  });
  return { store, expiredStatus: 403, close: () => gw.dispose() };
});
