/** S3-only behaviour against a real Versity Gateway: outages, restarts, object lock, config. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, type Socket } from "node:net";
import { join } from "node:path";
import { Client } from "minio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Env, parseEnv } from "../../config/env.server";
import {
  createObjectStore,
  FolderObjectStore,
  ObjectStoreError,
  S3ObjectStore,
  type S3StoreConfig,
} from "../../storage/objects/index.server";
import { startVersity, type VersityServer } from "../support/versitygw";

let gw: VersityServer;

function config(over: Partial<S3StoreConfig> = {}): S3StoreConfig {
  return {
    endPoint: gw.endpoint,
    port: gw.port,
    useSSL: false,
    accessKey: gw.accessKey,
    secretKey: gw.secretKey,
    region: gw.region,
    bucket: "s3-tests",
    publicUrl: gw.url,
    ...over,
  };
}

function rawClient(): Client {
  return new Client({
    endPoint: gw.endpoint,
    port: gw.port,
    useSSL: false,
    accessKey: gw.accessKey,
    secretKey: gw.secretKey,
    region: gw.region,
    pathStyle: true,
  });
}

async function failure(p: Promise<unknown>): Promise<{ err: ObjectStoreError; ms: number }> {
  const t0 = performance.now();
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  const ms = performance.now() - t0;
  expect(err).toBeInstanceOf(ObjectStoreError);
  return { err: err as ObjectStoreError, ms };
}

beforeAll(async () => {
  gw = await startVersity();
});
afterAll(async () => {
  await gw?.dispose();
});

describe("S3ObjectStore on Versity Gateway", () => {
  it("ensureBucket creates the bucket with object lock, then reports it exists", async () => {
    const store = new S3ObjectStore(config({ bucket: "lock-created" }));
    expect(await store.ensureBucket()).toEqual({ created: true, objectLock: true });
    expect(await store.ensureBucket()).toEqual({ created: false, objectLock: true });
    expect(await store.supportsObjectLock()).toBe(true);
  });

  it("a bucket made without object lock: supportsObjectLock() is false, retainUntil is ignored and reported", async () => {
    const raw = rawClient();
    await raw.makeBucket("plain-bucket", gw.region);
    const store = new S3ObjectStore(config({ bucket: "plain-bucket" }));
    expect(await store.ensureBucket()).toEqual({ created: false, objectLock: false });
    const res = await store.put("a/b.pdf", Buffer.from("x"), {
      contentType: "application/pdf",
      metadata: {},
      retainUntil: new Date(Date.now() + 60_000),
    });
    expect(res.retainedUntil).toBeNull();
    expect((await store.stat("a/b.pdf"))?.retainUntil).toBeNull();
    await store.delete("a/b.pdf");
    expect(await store.exists("a/b.pdf")).toBe(false);
  });

  it("COMPLIANCE retention is applied and reported", async () => {
    const store = new S3ObjectStore(config({ bucket: "lock-compliance" }));
    await store.ensureBucket();
    const until = new Date(Date.now() + 2000);
    await store.put("x/v1/print.pdf", Buffer.from("%PDF"), {
      contentType: "application/pdf",
      metadata: {},
      retainUntil: until,
      retentionMode: "COMPLIANCE",
    });
    expect((await store.stat("x/v1/print.pdf"))?.retentionMode).toBe("COMPLIANCE");
    const { err } = await failure(store.delete("x/v1/print.pdf"));
    expect(err.code).toBe("RETENTION");
  });

  it("stores non-ASCII metadata as RFC 2047 encoded words on the wire", async () => {
    const store = new S3ObjectStore(config({ bucket: "wire-format" }));
    await store.ensureBucket();
    await store.put("m/x.txt", Buffer.from("x"), {
      contentType: "text/plain",
      metadata: { approver: "Đức", ascii: "A" },
    });
    const raw = rawClient();
    const st = await raw.statObject("wire-format", "m/x.txt");
    expect(st.metaData.approver).toBe(`=?UTF-8?B?${Buffer.from("Đức").toString("base64")}?=`);
    expect(st.metaData.ascii).toBe("A");
    expect(st.metaData.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("get refuses bytes that do not match the recorded sha-256", async () => {
    const store = new S3ObjectStore(config({ bucket: "tamper" }));
    await store.ensureBucket();
    const raw = rawClient();
    // Someone (not this module) writes an object with a sha-256 that does not match its bytes.
    await raw.putObject("tamper", "t/x.bin", Buffer.from("evil"), 4, { sha256: "0".repeat(64) });
    const { err } = await failure(store.get("t/x.bin"));
    expect(err.code).toBe("CHECKSUM_MISMATCH");
  });

  it("maps a missing bucket to NO_BUCKET and wrong credentials to ACCESS_DENIED", async () => {
    const noBucket = new S3ObjectStore(config({ bucket: "does-not-exist" }));
    const put = noBucket.put("a/b", Buffer.from("x"), { contentType: "text/plain", metadata: {} });
    expect((await failure(put)).err.code).toBe("NO_BUCKET");
    const badCreds = new S3ObjectStore(config({ bucket: "s3-tests", secretKey: "wrong-secret-key-000" }));
    expect((await failure(badCreds.list(""))).err.code).toBe("ACCESS_DENIED");
  });

  it("presigns against MINIO_PUBLIC_URL locally, without a round trip", async () => {
    const store = new S3ObjectStore(
      config({
        bucket: "s3-tests",
        publicUrl: "https://in.lacphuong.example",
        port: 1 /* nothing listens */,
      }),
    );
    const url = new URL(await store.presignGet("2026/1-12/a1/v1/banner.pdf", { expiresSeconds: 300 }));
    expect(url.origin).toBe("https://in.lacphuong.example");
    expect(url.pathname).toBe("/s3-tests/2026/1-12/a1/v1/banner.pdf");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");
    expect(url.searchParams.get("X-Amz-Credential")).toContain(`/${gw.region}/s3/aws4_request`);
  });

  it("refuses a tampered presigned link", async () => {
    const store = new S3ObjectStore(config({ bucket: "s3-tests" }));
    await store.ensureBucket();
    await store.put("p/q.txt", Buffer.from("secret"), { contentType: "text/plain", metadata: {} });
    const url = new URL(await store.presignGet("p/q.txt", { expiresSeconds: 60 }));
    url.pathname = url.pathname.replace("q.txt", "other.txt");
    expect((await fetch(url)).status).toBe(403);
  });
});

describe("outage: the server stops mid-work", () => {
  const timings: Record<string, number> = {};

  it("every operation fails fast with UNAVAILABLE while the server is down, and works after restart", async () => {
    const store = new S3ObjectStore(config({ bucket: "outage" }));
    await store.ensureBucket();
    await store.put("o/v1/a.pdf", Buffer.from("before"), { contentType: "application/pdf", metadata: {} });

    await gw.stop();
    const fresh = new S3ObjectStore(config({ bucket: "outage" })); // nothing cached
    const ops: Record<string, () => Promise<unknown>> = {
      put: () =>
        store.put("o/v1/b.pdf", Buffer.alloc(200_000, 1), { contentType: "application/pdf", metadata: {} }),
      get: () => store.get("o/v1/a.pdf"),
      stat: () => store.stat("o/v1/a.pdf"),
      exists: () => store.exists("o/v1/a.pdf"),
      delete: () => store.delete("o/v1/a.pdf"),
      list: () => store.list("o/"),
      ensureBucket: () => fresh.ensureBucket(),
      supportsObjectLock: () => fresh.supportsObjectLock(),
    };
    for (const [name, op] of Object.entries(ops)) {
      const { err, ms } = await failure(op());
      timings[name] = Math.round(ms);
      expect(err.code, `${name}: ${err.message}`).toBe("UNAVAILABLE");
      expect(err.retryable).toBe(true);
      expect(ms, name).toBeLessThan(3000);
    }
    // Presigning is local and keeps working during the outage.
    expect(await store.presignGet("o/v1/a.pdf", { expiresSeconds: 60 })).toContain("/outage/o/v1/a.pdf");

    await gw.restart();
    expect((await store.get("o/v1/a.pdf")).toString()).toBe("before");
    await store.put("o/v1/b.pdf", Buffer.from("after"), { contentType: "application/pdf", metadata: {} });
    expect((await store.list("o/")).map((o) => o.key)).toEqual(["o/v1/a.pdf", "o/v1/b.pdf"]);
    expect(await fresh.supportsObjectLock()).toBe(true);
    console.info("UNAVAILABLE latency (ms):", timings);
  });

  it("a hung server (accepts connections, never answers) fails with UNAVAILABLE after the idle timeout", async () => {
    const store = new S3ObjectStore(config({ bucket: "outage", idleTimeoutMs: 1000 }));
    await gw.pause();
    try {
      const { err, ms } = await failure(store.stat("o/v1/a.pdf"));
      expect(err.code).toBe("UNAVAILABLE");
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(3000);
    } finally {
      gw.resume();
    }
    expect(await store.exists("o/v1/a.pdf")).toBe(true);
  });
});

describe("connect timeout", () => {
  it("a peer that accepts TCP but never completes the TLS handshake fails within connectTimeoutMs", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    const port = (silent.address() as { port: number }).port;
    try {
      const store = new S3ObjectStore(
        config({ port, useSSL: true, connectTimeoutMs: 500, idleTimeoutMs: 30_000, publicUrl: undefined }),
      );
      const { err, ms } = await failure(store.stat("a/b.pdf"));
      expect(err.code).toBe("UNAVAILABLE");
      expect(ms).toBeGreaterThanOrEqual(450);
      expect(ms).toBeLessThan(3000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});

describe("config from env", () => {
  const fromEnv = (env: Env) => createObjectStore(parseEnv(env).objectStore);

  it("MINIO_* selects the S3 store with the documented defaults", async () => {
    const cfg = parseEnv({
      MINIO_ENDPOINT: "minio.local",
      MINIO_ACCESS_KEY: "a",
      MINIO_SECRET_KEY: "b",
    }).objectStore;
    expect(cfg).toMatchObject({
      kind: "s3",
      bucket: "co-dong",
      region: "us-east-1",
      useSSL: false,
      connectTimeoutMs: 2000,
      idleTimeoutMs: 10_000,
    });
    const store = fromEnv({ ...gw.env, MINIO_BUCKET: "from-env" });
    expect(store).toBeInstanceOf(S3ObjectStore);
    await store.ensureBucket();
    await store.put("e/x.txt", Buffer.from("env"), { contentType: "text/plain", metadata: {} });
    expect((await store.get("e/x.txt")).toString()).toBe("env");
  });

  it("without MINIO_ENDPOINT the folder store lives in DATA_DIR/objects", () => {
    const dir = mkdtempSync(join(tmpdir(), "objects-env-"));
    try {
      const store = fromEnv({ DATA_DIR: dir });
      expect(store).toBeInstanceOf(FolderObjectStore);
      expect((store as FolderObjectStore).root).toBe(join(dir, "objects"));
      expect(parseEnv({}).objectStore).toMatchObject({ kind: "folder", root: join("data", "objects") });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects broken configuration: the settings with CONFIG_INVALID, the store itself with CONFIG", () => {
    const s3 = { MINIO_ENDPOINT: "minio", MINIO_ACCESS_KEY: "a", MINIO_SECRET_KEY: "b" };
    const bad = [
      { ...s3, MINIO_ENDPOINT: "http://minio:9000" },
      { MINIO_ENDPOINT: "minio" },
      { ...s3, MINIO_USE_SSL: "maybe" },
      { ...s3, MINIO_PORT: "x" },
      { ...s3, MINIO_PUBLIC_URL: "https://x/s3" },
      { OBJECT_LINK_SECRET: "short" },
    ];
    for (const env of bad) {
      expect(() => fromEnv(env), JSON.stringify(env)).toThrow(
        expect.objectContaining({ code: "CONFIG_INVALID" }),
      );
    }
    // The same rules hold for a store built in code, without the settings.
    expect(() => new S3ObjectStore(config({ publicUrl: "https://x/s3" }))).toThrow(
      expect.objectContaining({ code: "CONFIG" }),
    );
    expect(() => new FolderObjectStore({ root: tmpdir(), linkSecret: "short" })).toThrow(
      expect.objectContaining({ code: "CONFIG" }),
    );
  });
});
