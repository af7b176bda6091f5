import { hostname } from "node:os";
import { getAsset, getVersion, getVersionFile, sha256Hex } from "../../storage/assets";
import { getDb } from "../../storage/db";
import { getObjectStore, objectKey } from "../../storage/objects/index.server";
import { claimOutbox, completeOutbox, failOutbox } from "../../storage/outbox";
import { markPublished } from "../../workflows/service";

// Interim adapter: storage/publisher.ts (startPublisher) is being written by the storage
// engineer. Until it lands this loop does the same job — take `publish_asset` jobs from the
// outbox, upload the approved PDF, mark the asset published — so the app works end to end.
// When the real publisher exists, startPublisherOnce() should just call it.

const FLAG = Symbol.for("co-dong.publisher.started");
const WORKER = `web-${hostname()}-${process.pid}`;

interface PublishPayload {
  assetId: string;
  code: string;
  versionId: string;
  versionHash: string;
}

/** Object key of a published version's print file; the print library presigns this key. */
export function printFileKey(
  asset: { code: string; contentItemCode: string | null; formatId: string },
  version: { n: number },
  year = 2026,
): string {
  return objectKey({
    year,
    contentItem: asset.contentItemCode ?? "chu-de",
    assetId: asset.code.toLowerCase(),
    version: version.n,
    format: asset.formatId,
    ext: "pdf",
  });
}

async function publishOne(payload: PublishPayload): Promise<void> {
  const handle = getDb();
  const asset = getAsset(handle, payload.assetId);
  const version = getVersion(handle, payload.versionId);
  if (!asset || !version) throw new Error(`asset or version missing for ${payload.code}`);
  const file = getVersionFile(handle, version.id, "pdf");
  if (!file) throw new Error(`no pdf for ${payload.code} v${version.n}`);
  if (sha256Hex(file.bytes) !== payload.versionHash)
    throw new Error("stored pdf does not match the approved hash");
  const store = getObjectStore();
  const key = printFileKey(asset, version);
  const existing = await store.stat(key);
  if (existing?.sha256 !== payload.versionHash) {
    await store.put(key, file.bytes, {
      contentType: "application/pdf",
      metadata: { "asset-code": asset.code, version: String(version.n), "verify-code": version.verifyCode },
    });
  }
  if (asset.state === "approved" && asset.currentVersionHash === payload.versionHash) {
    markPublished(handle, { assetId: asset.id, versionHash: payload.versionHash });
  }
}

export async function publishPending(): Promise<number> {
  const handle = getDb();
  const jobs = claimOutbox<PublishPayload>(handle, { workerId: WORKER, kinds: ["publish_asset"], limit: 5 });
  for (const job of jobs) {
    try {
      await publishOne(job.payload);
      completeOutbox(handle, job.id, WORKER);
    } catch (e) {
      failOutbox(handle, job.id, WORKER, e instanceof Error ? e.message : String(e));
    }
  }
  return jobs.length;
}

export function startPublisherOnce(): void {
  const g = globalThis as Record<symbol, unknown>;
  if (g[FLAG] || process.env.PUBLISHER === "0") return;
  g[FLAG] = true;
  const intervalMs = Number(process.env.PUBLISHER_INTERVAL_MS ?? 2000);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      while ((await publishPending()) > 0) {
        // drain the queue before sleeping again
      }
    } catch (e) {
      console.error("[publisher]", e instanceof Error ? e.message : e);
    } finally {
      running = false;
    }
  };
  setInterval(tick, intervalMs).unref();
  setTimeout(tick, 50).unref();
}
