/** Publisher against a real S3 server (Versity Gateway) and real SQLite files: outages, crashes, revokes. */
import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../storage/audit";
import { getAsset, getVersionFile } from "../../storage/assets";
import {
  ObjectStoreError,
  objectKey,
  S3ObjectStore,
  type S3StoreConfig,
} from "../../storage/objects/index.server";
import type { ObjectStore, PutOptions } from "../../storage/objects/types";
import {
  DEFAULT_LEASE_MS,
  DEFAULT_RETENTION_DAYS,
  publishStatus,
  retryPublish,
  runPublisherOnce,
  startPublisher,
  stopPublisher,
} from "../../jobs/publisher";
import {
  claimOutbox,
  completeOutbox,
  getOutboxJob,
  listOutbox,
  PUBLISH_KIND,
  type PublishPayload,
} from "../../storage/outbox";
import { listPublishedObjects } from "../../storage/published-objects";
import { approvedAsset as approvedAssetIn, type Decision, decide } from "../support/approved-asset";
import { seededDb, type TempDb, USERS } from "../support/db";
import { startVersity, type VersityServer } from "../support/versitygw";

let gw: VersityServer;
let t: TempDb;
let bucketN = 0;
let bucket: string;

beforeAll(async () => {
  gw = await startVersity();
});
afterAll(async () => {
  await gw?.dispose();
});
beforeEach(async () => {
  t = await seededDb();
  bucket = `pub-${process.pid}-${++bucketN}`;
});
afterEach(() => t.cleanup());

function s3(over: Partial<S3StoreConfig> = {}): S3ObjectStore {
  return new S3ObjectStore({
    endPoint: gw.endpoint,
    port: gw.port,
    useSSL: false,
    accessKey: gw.accessKey,
    secretKey: gw.secretKey,
    region: gw.region,
    bucket,
    publicUrl: gw.url,
    ...over,
  });
}

/** Delegates to a real store; counts successful PUTs per key and lets a test act just before one. */
class CountingStore implements ObjectStore {
  readonly kind: "s3" | "folder";
  readonly puts = new Map<string, number>();
  beforePut: ((key: string) => Promise<void>) | null = null;
  constructor(readonly inner: ObjectStore) {
    this.kind = inner.kind;
  }
  ensureBucket() {
    return this.inner.ensureBucket();
  }
  supportsObjectLock() {
    return this.inner.supportsObjectLock();
  }
  async put(key: string, bytes: Uint8Array | Buffer, options: PutOptions) {
    await this.beforePut?.(key);
    const res = await this.inner.put(key, bytes, options);
    this.puts.set(key, (this.puts.get(key) ?? 0) + 1);
    return res;
  }
  get(key: string) {
    return this.inner.get(key);
  }
  stat(key: string) {
    return this.inner.stat(key);
  }
  exists(key: string) {
    return this.inner.exists(key);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
  list(prefix: string) {
    return this.inner.list(prefix);
  }
  presignGet(key: string, options: { expiresSeconds: number; downloadName?: string }) {
    return this.inner.presignGet(key, options);
  }
  totalPuts(): number {
    return [...this.puts.values()].reduce((a, b) => a + b, 0);
  }
}

const act = (assetId: string, type: Decision, user: string) => decide(t.handle, assetId, type, user);
const approvedAsset = (label: string, over?: Parameters<typeof approvedAssetIn>[2]) =>
  approvedAssetIn(t.handle, label, over);

function auditCount(assetId: string, action: string): number {
  return (
    t.handle.conn
      .prepare("SELECT count(*) AS n FROM audit_events WHERE asset_id = ? AND action = ?")
      .get(assetId, action) as { n: number }
  ).n;
}

const later = (ms: number) => new Date(Date.now() + ms);

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 1));
    });
  });
}

describe("runPublisherOnce", () => {
  it("a screen-format asset publishes its approved PNG, checked against the version hash", async () => {
    const a = approvedAsset("social", { formatId: "fb-link-1200x630", screen: true });
    const store = new CountingStore(s3());
    expect(await runPublisherOnce({ db: t.handle, store })).toMatchObject({ published: 1, failed: 0 });
    const key = objectKey({
      year: 2026,
      contentItem: "1.12",
      assetId: a.assetId,
      version: 1,
      format: "fb-link-1200x630",
      ext: "png",
    });
    const st = (await store.stat(key))!;
    expect(st.sha256).toBe(a.versionHash);
    expect(st.contentType).toBe("image/png");
    expect(await store.exists(key.replace(/\.png$/, ".pdf"))).toBe(false);
    expect(getAsset(t.handle, a.assetId)!.state).toBe("published");
  });

  it("approve → publish: both files at their keys, sha-256 = version hash, retained, audited once", async () => {
    const a = approvedAsset("happy");
    const store = new CountingStore(s3());
    expect(publishStatus(t.handle, a.assetId)).toMatchObject({ state: "awaiting_upload", attempts: 0 });

    const res = await runPublisherOnce({ db: t.handle, store });
    expect(res).toMatchObject({ published: 1, failed: 0, pending: 0 });

    const pdfKey = objectKey({
      year: 2026,
      contentItem: "1.12",
      assetId: a.assetId,
      version: 1,
      format: "bang-ron-1x7",
      ext: "pdf",
    });
    expect(pdfKey).toBe(`2026/1.12/${a.assetId}/v1/bang-ron-1x7.pdf`);
    const pdfStat = (await store.stat(pdfKey))!;
    expect(pdfStat.sha256).toBe(a.versionHash);
    expect(pdfStat.contentType).toBe("application/pdf");
    const approver = t.handle.conn
      .prepare("SELECT display_name FROM users WHERE id = ?")
      .get(USERS.approver) as { display_name: string };
    expect(pdfStat.metadata).toMatchObject({
      "asset-code": a.code,
      "verify-code": a.verifyCode,
      "approved-by": approver.display_name,
      "approved-by-id": USERS.approver,
      "approved-sha256": a.versionHash,
      version: "1",
    });
    const approvedAt = Date.parse(pdfStat.metadata["approved-at"]);
    // S3 keeps retain-until dates to the second.
    const expected = approvedAt + DEFAULT_RETENTION_DAYS * 86_400_000;
    expect(Math.abs(pdfStat.retainUntil!.getTime() - expected)).toBeLessThan(1000);
    expect((await store.get(pdfKey)).equals(Buffer.from(a.files.pdf!))).toBe(true);
    const pngStat = (await store.stat(pdfKey.replace(/\.pdf$/, ".png")))!;
    expect(pngStat.sha256).toBe(getVersionFile(t.handle, a.versionId, "png")!.sha256);

    expect(getAsset(t.handle, a.assetId)!.state).toBe("published");
    const ev = t.handle.conn
      .prepare("SELECT * FROM audit_events WHERE asset_id = ? AND action = 'PUBLISHED'")
      .all(a.assetId) as { actor_role: string; from_state: string; to_state: string; version_hash: string }[];
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({
      actor_role: "system",
      from_state: "approved",
      to_state: "published",
      version_hash: a.versionHash,
    });
    expect(verifyAuditChain(t.handle)).toMatchObject({ ok: true });

    const status = publishStatus(t.handle, a.assetId);
    expect(status).toMatchObject({ state: "published", jobStatus: "done", lastError: null });
    expect(status.objects.map((o) => [o.kind, o.key, o.withdrawnAt])).toEqual([
      ["pdf", pdfKey, null],
      ["png", pdfKey.replace(/\.pdf$/, ".png"), null],
    ]);

    // Nothing left to do: a second pass uploads nothing and publishes nothing.
    expect(await runPublisherOnce({ db: t.handle, store })).toMatchObject({ published: 0, pending: 0 });
    expect(store.totalPuts()).toBe(2);
    expect(auditCount(a.assetId, "PUBLISHED")).toBe(1);
  });

  it("S3 stopped in the middle of a publish, then restarted: published exactly once, checksum intact", async () => {
    const a = approvedAsset("outage");
    const store = new CountingStore(s3());
    store.beforePut = async (key) => {
      if (key.endsWith(".png")) {
        store.beforePut = null;
        await gw.stop();
      }
    };
    try {
      const first = await runPublisherOnce({ db: t.handle, store });
      expect(first).toMatchObject({ published: 0, failed: 1, pending: 1 });
      expect(getAsset(t.handle, a.assetId)!.state).toBe("approved");
      const st = publishStatus(t.handle, a.assetId);
      expect(st).toMatchObject({ state: "awaiting_upload", attempts: 1, jobStatus: "pending" });
      expect(st.lastError).toMatch(/^UNAVAILABLE/);
      expect(Date.parse(st.nextAttemptAt!)).toBeGreaterThan(Date.now() + 20_000);

      // Still down and not yet due: the job is left alone.
      expect(await runPublisherOnce({ db: t.handle, store })).toMatchObject({ failed: 0, pending: 1 });
    } finally {
      await gw.restart();
    }
    const second = await runPublisherOnce({ db: t.handle, store, now: later(60_000) });
    expect(second).toMatchObject({ published: 1, failed: 0, pending: 0 });

    // The PDF uploaded before the outage is reused (it is retained: a second PUT would be refused).
    expect([...store.puts.values()]).toEqual([1, 1]);
    expect(auditCount(a.assetId, "PUBLISHED")).toBe(1);
    const pdf = listPublishedObjects(t.handle.conn, { assetId: a.assetId }).find((o) => o.kind === "pdf")!;
    expect(pdf.sha256).toBe(a.versionHash);
    expect((await store.get(pdf.key)).equals(Buffer.from(a.files.pdf!))).toBe(true);
    expect(publishStatus(t.handle, a.assetId).state).toBe("published");
  });

  it("S3 never up: nothing lost — the job waits with backoff and never runs out of attempts", async () => {
    const a = approvedAsset("never");
    const store = s3({ port: await closedPort(), bucket: "unreachable" });
    const availableAts: number[] = [];
    let clock = Date.now();
    for (let i = 1; i <= 12; i++) {
      clock += 3 * 3600_000; // past any backoff (capped at 1 h)
      const res = await runPublisherOnce({ db: t.handle, store, now: new Date(clock) });
      expect(res).toMatchObject({ published: 0, failed: 1, pending: 1 });
      availableAts.push(Date.parse(publishStatus(t.handle, a.assetId).nextAttemptAt!) - clock);
    }
    // 30 s, 1 min, 2 min … capped at 1 h.
    expect(availableAts.slice(0, 4)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(availableAts.at(-1)).toBe(3600_000);
    const st = publishStatus(t.handle, a.assetId);
    expect(st).toMatchObject({ state: "awaiting_upload", attempts: 12, jobStatus: "pending" });
    expect(st.lastError).toMatch(/^UNAVAILABLE/);
    expect(getAsset(t.handle, a.assetId)!.state).toBe("approved");
    const pdf = getVersionFile(t.handle, a.versionId, "pdf")!;
    expect(Buffer.from(pdf.bytes).equals(Buffer.from(a.files.pdf!))).toBe(true);
    expect(listOutbox(t.handle, { status: "dead" })).toEqual([]);
  });

  it("a worker killed mid-upload: after its lease expires the next run publishes exactly once", async () => {
    const a = approvedAsset("crash");
    const store = new CountingStore(s3());
    const t0 = Date.now();
    const [job] = claimOutbox<PublishPayload>(t.handle, {
      workerId: "zombie",
      kinds: [PUBLISH_KIND],
      leaseMs: 60_000,
      now: new Date(t0),
    });
    expect(job.payload.assetId).toBe(a.assetId);
    // The zombie got the PDF into the store (with retention) and died before anything else.
    await store.inner.ensureBucket();
    const pdfKey = `2026/1.12/${a.assetId}/v1/bang-ron-1x7.pdf`;
    await store.inner.put(pdfKey, Buffer.from(a.files.pdf!), {
      contentType: "application/pdf",
      metadata: {},
      retainUntil: later(3600_000),
    });

    // Lease still held: the job is not touched.
    expect(await runPublisherOnce({ db: t.handle, store, now: new Date(t0 + 30_000) })).toMatchObject({
      published: 0,
      failed: 0,
      pending: 1,
    });
    expect(publishStatus(t.handle, a.assetId)).toMatchObject({
      state: "awaiting_upload",
      jobStatus: "processing",
    });

    const res = await runPublisherOnce({ db: t.handle, store, now: new Date(t0 + 61_000) });
    expect(res).toMatchObject({ published: 1, failed: 0, pending: 0 });
    expect(store.puts.get(pdfKey)).toBeUndefined(); // reused, not re-sent
    expect(store.totalPuts()).toBe(1); // the PNG
    expect(auditCount(a.assetId, "PUBLISHED")).toBe(1);

    // The zombie wakes up: its claim is gone, it can complete nothing.
    expect(completeOutbox(t.handle, job.id, "zombie")).toBe(false);
    expect(getOutboxJob(t.handle, job.id)).toMatchObject({ status: "done", attempts: 2 });
    expect(await runPublisherOnce({ db: t.handle, store, now: new Date(t0 + 600_000) })).toMatchObject({
      published: 0,
      pending: 0,
    });
    expect(auditCount(a.assetId, "PUBLISHED")).toBe(1);
  });

  it("a slow worker that lost its lease mid-upload rolls back; the other worker's publish stands", async () => {
    const a = approvedAsset("race");
    const slow = new CountingStore(s3());
    const t0 = Date.now();
    let other: Awaited<ReturnType<typeof runPublisherOnce>> | null = null;
    slow.beforePut = async (key) => {
      if (!key.endsWith(".pdf")) return;
      slow.beforePut = null;
      // While the slow worker is still uploading, its lease runs out and another worker takes over.
      other = await runPublisherOnce({
        db: t.handle,
        store: s3(),
        workerId: "fast",
        now: new Date(t0 + 200_000),
      });
    };
    const res = await runPublisherOnce({ db: t.handle, store: slow, workerId: "slow", now: new Date(t0) });
    expect(other).toMatchObject({ published: 1, failed: 0 });
    expect(res).toMatchObject({ published: 0, failed: 0, pending: 0 });
    expect(auditCount(a.assetId, "PUBLISHED")).toBe(1);
    expect(getAsset(t.handle, a.assetId)!.state).toBe("published");
    expect(verifyAuditChain(t.handle)).toMatchObject({ ok: true });
  });

  it("a live worker's heartbeat keeps its lease through an upload longer than the lease", async () => {
    const a = approvedAsset("heartbeat");
    const slow = new CountingStore(s3());
    const others: Awaited<ReturnType<typeof runPublisherOnce>>[] = [];
    slow.beforePut = async (key) => {
      if (!key.endsWith(".pdf")) return;
      slow.beforePut = null;
      // Four leases long; meanwhile another worker keeps trying to take the job over.
      const until = Date.now() + 1600;
      while (Date.now() < until) {
        others.push(await runPublisherOnce({ db: t.handle, store: s3(), workerId: "other", leaseMs: 400 }));
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const res = await runPublisherOnce({ db: t.handle, store: slow, workerId: "alive", leaseMs: 400 });
    expect(others.length).toBeGreaterThan(5);
    expect(others.every((o) => o.published === 0 && o.failed === 0)).toBe(true);
    expect(res).toMatchObject({ published: 1, failed: 0, pending: 0 });
    expect(auditCount(a.assetId, "PUBLISHED")).toBe(1);
  });

  it("a dead worker's job is taken over once its short lease runs out (default lease ≤ 30 s)", async () => {
    expect(DEFAULT_LEASE_MS).toBeLessThanOrEqual(30_000);
    const a = approvedAsset("dead");
    claimOutbox<PublishPayload>(t.handle, { workerId: "dead", kinds: [PUBLISH_KIND], leaseMs: 300 });
    expect(await runPublisherOnce({ db: t.handle, store: s3(), workerId: "next" })).toMatchObject({
      published: 0,
    });
    await new Promise((r) => setTimeout(r, 350));
    expect(await runPublisherOnce({ db: t.handle, store: s3(), workerId: "next" })).toMatchObject({
      published: 1,
    });
    expect(getAsset(t.handle, a.assetId)!.state).toBe("published");
  });

  it("a non-retryable failure gives up after max attempts; retryPublish puts it back", async () => {
    const a = approvedAsset("denied");
    const store = s3({ secretKey: "wrong-secret-key-0000000000000000" });
    let clock = Date.now();
    for (let i = 0; i < 10; i++) {
      clock += 3 * 3600_000;
      await runPublisherOnce({ db: t.handle, store, now: new Date(clock) });
    }
    const st = publishStatus(t.handle, a.assetId);
    expect(st).toMatchObject({ state: "failed", jobStatus: "dead", attempts: 10, nextAttemptAt: null });
    expect(st.lastError).toMatch(/^ACCESS_DENIED/);
    expect(getAsset(t.handle, a.assetId)!.state).toBe("approved");

    expect(retryPublish(t.handle, a.assetId)).toBe(true);
    expect(await runPublisherOnce({ db: t.handle, store: s3() })).toMatchObject({ published: 1 });
    expect(publishStatus(t.handle, a.assetId).state).toBe("published");
  });
});

describe("revoke", () => {
  it("a published asset: print access withdrawn, the retained objects kept", async () => {
    const a = approvedAsset("revoke");
    const store = s3();
    await runPublisherOnce({ db: t.handle, store });
    act(a.assetId, "REVOKE", USERS.approver);
    const res = await runPublisherOnce({ db: t.handle, store });
    expect(res).toMatchObject({ withdrawn: 1, published: 0 });

    const objs = listPublishedObjects(t.handle.conn, { assetId: a.assetId });
    expect(objs).toHaveLength(2);
    for (const o of objs) {
      expect(o.withdrawnAt).not.toBeNull();
      expect((await store.stat(o.key))?.sha256).toBe(o.sha256);
    }
    const err = await store.delete(objs[0].key).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ObjectStoreError);
    expect((err as ObjectStoreError).code).toBe("RETENTION");
    expect(publishStatus(t.handle, a.assetId)).toMatchObject({ state: "withdrawn", assetState: "revoked" });
  });

  it("revoked before the upload: nothing is uploaded, the job is closed", async () => {
    const a = approvedAsset("early-revoke");
    act(a.assetId, "REVOKE", USERS.approver);
    const store = new CountingStore(s3());
    const res = await runPublisherOnce({ db: t.handle, store });
    expect(res).toMatchObject({ published: 0, skipped: 1, withdrawn: 1, pending: 0, failed: 0 });
    expect(store.totalPuts()).toBe(0);
    expect(auditCount(a.assetId, "PUBLISHED")).toBe(0);
    expect(getAsset(t.handle, a.assetId)!.state).toBe("revoked");
  });

  it("revoked while uploading: objects recorded as withdrawn, never published", async () => {
    const a = approvedAsset("mid-revoke");
    const store = new CountingStore(s3());
    store.beforePut = async (key) => {
      if (key.endsWith(".png")) {
        store.beforePut = null;
        act(a.assetId, "REVOKE", USERS.approver);
      }
    };
    const res = await runPublisherOnce({ db: t.handle, store });
    expect(res).toMatchObject({ published: 0, skipped: 1, failed: 0 });
    expect(auditCount(a.assetId, "PUBLISHED")).toBe(0);
    const objs = listPublishedObjects(t.handle.conn, { assetId: a.assetId });
    expect(objs).toHaveLength(2);
    expect(objs.every((o) => o.withdrawnAt !== null)).toBe(true);
    // The revoke job then finds nothing left to withdraw, and the rows stay withdrawn.
    expect(await runPublisherOnce({ db: t.handle, store })).toMatchObject({ withdrawn: 1 });
    expect(listPublishedObjects(t.handle.conn, { assetId: a.assetId }).every((o) => o.withdrawnAt)).toBe(
      true,
    );
  });
});

describe("object keys", () => {
  it("Vietnamese format ids are slugged the same whether NFC or NFD; theme assets use 'cd'", async () => {
    const label = "Băng rôn 1 × 7 m (đường Lạc Phượng)";
    const nfc = approvedAsset("nfc", { formatId: label.normalize("NFC") });
    const nfd = approvedAsset("nfd", { formatId: label.normalize("NFD"), contentItemId: null });
    const store = s3();
    expect(await runPublisherOnce({ db: t.handle, store })).toMatchObject({ published: 2, failed: 0 });
    const keys = listPublishedObjects(t.handle.conn, {}).map((o) => o.key);
    expect(keys).toHaveLength(4);
    for (const k of keys) expect(k).toMatch(/^[a-z0-9._/-]+$/);
    expect(keys).toContain(`2026/1.12/${nfc.assetId}/v1/bang-ron-1-7-m-duong-lac-phuong.pdf`);
    expect(keys).toContain(`2026/cd/${nfd.assetId}/v1/bang-ron-1-7-m-duong-lac-phuong.pdf`);
    const listed = (await store.list("2026/")).map((o) => o.key);
    expect(listed.sort()).toEqual([...keys].sort());
  });
});

describe("startPublisher", () => {
  it("is idempotent, publishes in the background and stops cleanly", async () => {
    const a = approvedAsset("loop");
    const store = new CountingStore(s3());
    const logs: string[] = [];
    const opts = {
      intervalMs: 1000,
      db: () => t.handle,
      store: () => store,
      log: (_l: string, m: string) => logs.push(m),
    };
    startPublisher(opts);
    startPublisher(opts);
    try {
      const deadline = Date.now() + 10_000;
      while (getAsset(t.handle, a.assetId)!.state !== "published" && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await stopPublisher();
    }
    expect(getAsset(t.handle, a.assetId)!.state).toBe("published");
    expect(store.totalPuts()).toBe(2);
    expect(auditCount(a.assetId, "PUBLISHED")).toBe(1);
  });

  it("a failing pass (bad config) is logged, not thrown", async () => {
    const logs: string[] = [];
    startPublisher({
      intervalMs: 1000,
      db: () => t.handle,
      store: () => {
        throw new ObjectStoreError("CONFIG", "MINIO_ACCESS_KEY missing");
      },
      log: (_l, m) => logs.push(m),
    });
    const deadline = Date.now() + 5000;
    while (logs.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await stopPublisher();
    expect(logs[0]).toMatch(/CONFIG: MINIO_ACCESS_KEY missing/);
  });
});
