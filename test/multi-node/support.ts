import { afterAll, afterEach, beforeAll } from "vitest";
import { getAsset } from "../../storage/assets";
import type { DbHandle } from "../../storage/db/connection";
import { createAsset } from "../../workflows/service";
import { decide } from "../support/approved-asset";
import { fakeFiles, ON_POSTGRES, USERS } from "../support/db";
import { type Cluster, type ClusterOptions, startCluster } from "../support/nodes";

// Assets written straight into the cluster's database (the service, as the pages would), for the
// multi-node tests to act on through the nodes.

export interface WaitingAsset {
  id: string;
  code: string;
  versionId: string;
  /** The current version's content hash and the row version a page would post with. */
  versionHash: string;
  rowVersion: number;
}

/**
 * A new A3 poster of the seeded plan, submitted and forwarded: waiting for the approver, or
 * approved too when `approve` (its publish job is then queued). `pdfBytes` pads the fake PDF to
 * about that size (default: a few dozen bytes).
 */
export function assetAt(
  handle: DbHandle,
  label: string,
  o: { approve?: boolean; pdfBytes?: number } = {},
): WaitingAsset {
  const files = fakeFiles(label);
  if (o.pdfBytes) {
    // A PDF comment line: the bytes stay a "%PDF-" file whatever their size.
    const pad = Buffer.alloc(o.pdfBytes, "x");
    files.pdf = Buffer.concat([Buffer.from(files.pdf), Buffer.from("%"), pad, Buffer.from("\n%%EOF\n")]);
  }
  const created = createAsset(handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "co-dong-truyen-thong",
    formatId: "a3",
    text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
    files,
  });
  decide(handle, created.assetId, "SUBMIT", USERS.drafter);
  decide(handle, created.assetId, "FORWARD", USERS.office);
  if (o.approve) decide(handle, created.assetId, "APPROVE", USERS.approver);
  const asset = getAsset(handle, created.assetId)!;
  return {
    id: created.assetId,
    code: created.code,
    versionId: created.versionId,
    versionHash: asset.currentVersionHash!,
    rowVersion: asset.rowVersion,
  };
}

/** Polls `read` every 200 ms until `done` holds for its value; throws `what` after `timeoutMs`. */
export async function waitFor<T>(
  read: () => T,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Per test: a node's start, a lease running out (30 s) and a browser path on a 2-core machine
 * busy with other suites take minutes, not the default minute.
 */
export const TEST_TIMEOUT_MS = 240_000;

/** True in `npm run test:pg`, the run these tests belong to; `npm run test` (SQLite) skips them. */
export const MULTI_NODE_RUN = ON_POSTGRES;

export interface ClusterUnderTest {
  readonly cluster: Cluster;
  /** The cluster's database, opened in this process for the test's own reads and writes. */
  readonly db: DbHandle;
}

/**
 * Starts a cluster (startCluster with `options`) before the file's tests, stops it after them,
 * and after each failed test prints the tail of every node's log (route errors, stack traces),
 * since the nodes are child processes whose output vitest does not show. Outside the PostgreSQL
 * run nothing starts (the file's tests are skipped with `describe.skipIf(!MULTI_NODE_RUN)`).
 */
export function clusterUnderTest(options: ClusterOptions = {}): ClusterUnderTest {
  let cluster: Cluster | undefined;
  let db: DbHandle | undefined;
  beforeAll(async () => {
    if (!MULTI_NODE_RUN) return;
    cluster = await startCluster(options);
    db = cluster.backends.open();
  }, 300_000);
  afterEach((ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    for (const n of cluster?.nodes ?? []) {
      console.error(`----- node ${n.name} (${n.url}) log, last 6000 characters -----\n${n.log.slice(-6000)}`);
    }
  });
  afterAll(async () => {
    db?.close();
    await cluster?.stop();
  }, 120_000);
  return {
    get cluster() {
      if (!cluster) throw new Error("the cluster is not started (used outside a test?)");
      return cluster;
    },
    get db() {
      if (!db) throw new Error("the cluster is not started (used outside a test?)");
      return db;
    },
  };
}
