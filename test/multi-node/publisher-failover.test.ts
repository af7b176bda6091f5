import { createHash } from "node:crypto";
import { Client } from "minio";
import { afterAll, describe, expect, it } from "vitest";
import { publishDedupeKey } from "../../storage/outbox";
import { assetAt, clusterUnderTest, TEST_TIMEOUT_MS, MULTI_NODE_RUN, waitFor } from "./support";
import { type S3Tap, startS3Tap } from "./s3-tap";

// Issue 15 §3: the node whose publisher holds an approval's job is killed with SIGKILL while the
// approved PDF is half-way to the S3 server. Its lease stops being renewed; once it runs out, the
// other node's publisher claims the job and publishes: one object version in the (versioned)
// bucket, one row per file, one PUBLISHED event — published exactly once, by the survivor.
// Each node talks to the gateway through its own relay (s3-tap.ts), which says who sent what and
// stops the upload halfway so the kill lands mid-upload, not before or after it.

const taps: S3Tap[] = [];
const run = clusterUnderTest({
  versioning: true,
  nodeEnv: async (i, backends) => {
    taps[i] = await startS3Tap(backends.versity.port);
    return { MINIO_PORT: String(taps[i].port) };
  },
});

afterAll(async () => {
  await Promise.all(taps.map((t) => t.close()));
});

interface JobRow {
  status: string;
  attempts: number;
  locked_by: string | null;
}

/** A client of the gateway itself (not through a node's relay). */
function gateway(): Client {
  const { versity } = run.cluster.backends;
  return new Client({
    endPoint: versity.endpoint,
    port: versity.port,
    useSSL: false,
    accessKey: versity.accessKey,
    secretKey: versity.secretKey,
    region: versity.region,
    pathStyle: true,
  });
}

/** Every stored version of `key` in the cluster's bucket (deletions included). */
async function objectVersions(key: string): Promise<{ versionId?: string | null; size: number }[]> {
  const items: { name?: string; versionId?: string | null; size: number }[] = [];
  await new Promise<void>((resolve, reject) => {
    const stream = gateway().listObjects(run.cluster.backends.bucket, key, true, { IncludeVersion: true });
    stream.on("data", (item) => items.push(item as (typeof items)[number]));
    stream.on("end", () => resolve());
    stream.on("error", reject);
  });
  return items.filter((i) => i.name === key);
}

/** The sha-256 (hex) of the object's current bytes. */
async function storedSha256(key: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of await gateway().getObject(run.cluster.backends.bucket, key)) hash.update(chunk);
  return hash.digest("hex");
}

describe.skipIf(!MULTI_NODE_RUN)("publisher failover", () => {
  it(
    "kill -9 of the node uploading an approval: the other node publishes it, exactly once",
    async () => {
      const db = run.db;
      const nodes = run.cluster.nodes;
      // Whichever node's publisher claims the job will stop, mid-body, on the PDF's PUT.
      const holds = taps.map((tap, i) =>
        tap.holdNext((method, path) => method === "PUT" && path.endsWith(".pdf")).then((req) => ({ i, req })),
      );
      // 2 MB: the relay lets 1 MB through, then the upload hangs as on a slow link.
      const asset = assetAt(db, "failover", { approve: true, pdfBytes: 2 * 1024 * 1024 });
      const held = await Promise.race(holds);
      for (const tap of taps) tap.disarm();
      const holder = nodes[held.i];
      const survivor = nodes.find((n) => n !== holder)!;

      // The holder is the node whose worker has the job's lease, and it is mid-upload.
      const jobOf = () =>
        db.conn
          .prepare("SELECT status, attempts, locked_by FROM outbox WHERE dedupe_key = ?")
          .get(publishDedupeKey(asset.versionId)) as JobRow;
      const claimed = jobOf();
      expect(claimed.status).toBe("processing");
      expect(claimed.locked_by).toContain(`:${holder.pid}:`);
      expect(held.req).toMatchObject({ held: true, complete: false });
      const pdfPath = held.req.path.split("?")[0];

      await holder.kill();

      const state = () =>
        (db.conn.prepare("SELECT state FROM assets WHERE id = ?").get(asset.id) as { state: string }).state;
      // The lease (30 s, renewed every 10 s while its holder lives) runs out, then the survivor claims.
      await waitFor(
        state,
        (s) => s === "published",
        `${asset.code} not published by node ${survivor.name}`,
        90_000,
      );

      const job = jobOf();
      expect(job.status).toBe("done");
      expect(job.attempts).toBe(2);
      expect(survivor.log).toContain(`${asset.code} v1: published`);
      expect(holder.log).not.toContain(`${asset.code} v1: published`);

      // The killed node's PUT never completed; the survivor's completed once.
      const puts = (i: number) =>
        taps[i].requests.filter((r) => r.method === "PUT" && r.path.startsWith(pdfPath));
      expect(puts(held.i).filter((r) => r.complete)).toEqual([]);
      expect(puts(survivor.index).filter((r) => r.complete)).toHaveLength(1);

      const events = db.conn
        .prepare("SELECT action FROM audit_events WHERE asset_id = ? AND action = 'PUBLISHED'")
        .all(asset.id);
      expect(events).toHaveLength(1);
      const objects = db.conn
        .prepare(
          "SELECT kind, object_key, sha256, size FROM published_objects WHERE version_id = ? ORDER BY kind",
        )
        .all(asset.versionId) as { kind: string; object_key: string; sha256: string; size: number }[];
      expect(objects.map((o) => o.kind)).toEqual(["pdf", "png"]);
      const pdf = objects.find((o) => o.kind === "pdf")!;
      // The approved bytes' hash, end to end.
      expect(pdf.sha256).toBe(asset.versionHash);
      expect(pdfPath.endsWith(`/${pdf.object_key}`)).toBe(true);

      // One version of each object in the versioned bucket: no second PUT landed, none half-written.
      for (const o of objects) {
        const versions = await objectVersions(o.object_key);
        expect(versions, o.object_key).toHaveLength(1);
        expect(versions[0].size, o.object_key).toBe(o.size);
      }
      expect(await storedSha256(pdf.object_key)).toBe(asset.versionHash);
    },
    TEST_TIMEOUT_MS,
  );
});
