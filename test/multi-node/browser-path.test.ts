import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../storage/audit";
import { decide, openAsset } from "../e2e/asset-page-helpers";
import { jsErrors, launch, signedIn } from "../e2e/browser";
import { type Balancer, NODE_HEADER } from "../support/nodes";
import { clusterUnderTest, MULTI_NODE_RUN, TEST_TIMEOUT_MS, waitFor } from "./support";

// Issue 15 §3: the whole path in Chromium, each person on another node behind one address (the
// balancer at PUBLIC_ORIGIN, which routes by a header the browser context carries): the drafter
// creates and submits on A, the office forwards on B, the approver approves on A, and the printer
// downloads the print PDF on B. Each one signs in on the other node than the one they work on:
// the session must be in the database. Both nodes run the publisher; either may publish.

const run = clusterUnderTest();
let lb: Balancer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!MULTI_NODE_RUN) return;
  lb = await run.cluster.balancer();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/**
 * `username` signed in through the balancer on the node `signInOn`, then kept on `workOn` for
 * every later request of the context. Returns where the balancer log stood once pinned.
 */
async function personOn(
  username: string,
  signInOn: string,
  workOn: string,
): Promise<{ context: BrowserContext; page: Page; from: number }> {
  lb!.defaultNode = signInOn;
  const { context, page } = await signedIn(browser!, run.cluster.publicOrigin, username);
  lb!.defaultNode = null;
  const signIn = lb!.served.filter((s) => s.method === "POST" && s.path.startsWith("/login"));
  expect(signIn.at(-1)?.node).toBe(signInOn);
  await context.setExtraHTTPHeaders({ [NODE_HEADER]: workOn });
  return { context, page, from: lb!.served.length };
}

/** The nodes that served the requests since `from` (what the person did after being pinned). */
const nodesSince = (from: number) => [...new Set(lb!.served.slice(from).map((s) => s.node))];

const row = <T>(sql: string, ...args: unknown[]) => run.db.conn.prepare(sql).get(...args) as T;

describe.skipIf(!MULTI_NODE_RUN)("the approval path across two nodes", () => {
  let asset = { id: "", code: "" };

  it(
    "the drafter creates and submits on node A",
    async () => {
      const { context, page, from } = await personOn("soanthao", "B", "A");
      await page.goto(`/editor?item=${encodeURIComponent("cchc-2026:1.12")}`);
      await page.getByTestId("preview").waitFor();
      await Promise.all([
        page.waitForURL(/\/asset\//),
        page.getByRole("button", { name: /Tạo và gửi duyệt/ }).click(),
      ]);
      asset = await openAsset(page);
      expect(await page.textContent(".badge")).toContain("Đang thẩm định");
      expect(jsErrors(page)).toEqual([]);
      await context.close();
      expect(nodesSince(from)).toEqual(["A"]);
      expect(row<{ state: string }>("SELECT state FROM assets WHERE id = ?", asset.id).state).toBe(
        "office_review",
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "the office forwards it on node B",
    async () => {
      const { context, page, from } = await personOn("vanhoa", "A", "B");
      await page.goto(`/asset/${encodeURIComponent(asset.id)}`);
      await decide(page, {
        decision: "FORWARD",
        code: asset.code,
        label: "Chuyển lãnh đạo phê duyệt",
        done: /Đã chuyển lãnh đạo phê duyệt/,
      });
      expect(jsErrors(page)).toEqual([]);
      await context.close();
      expect(nodesSince(from)).toEqual(["B"]);
      expect(row<{ state: string }>("SELECT state FROM assets WHERE id = ?", asset.id).state).toBe(
        "awaiting_approval",
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "the approver approves on node A, and a publisher uploads it",
    async () => {
      const { context, page, from } = await personOn("phochutich", "B", "A");
      await page.goto(`/asset/${encodeURIComponent(asset.id)}`);
      await decide(page, { decision: "APPROVE", code: asset.code, label: "Phê duyệt", done: /Đã phê duyệt/ });
      expect(jsErrors(page)).toEqual([]);
      await context.close();
      expect(nodesSince(from)).toEqual(["A"]);
      await waitFor(
        () => row<{ state: string }>("SELECT state FROM assets WHERE id = ?", asset.id).state,
        (s) => s === "published",
        `${asset.code} not published`,
      );
      const by = run.cluster.nodes
        .filter((n) => n.log.includes(`${asset.code} v1: published`))
        .map((n) => n.name);
      console.log(`[multi-node] ${asset.code} published by node ${by.join(", ")}`);
      expect(by).toHaveLength(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "the printer downloads the print PDF on node B: the approved bytes, from the S3 server",
    async () => {
      const { context, page, from } = await personOn("inan", "A", "B");
      await page.goto("/print");
      const card = page.locator(".print-card", { hasText: asset.code });
      await card.waitFor();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        card.locator("[data-download]").click(),
      ]);
      expect(await download.failure()).toBeNull();
      // The node answered with a presigned link to the gateway, which served the bytes.
      expect(new URL(download.url()).origin).toBe(run.cluster.backends.versity.url);
      const file = await download.path();
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      execFileSync("qpdf", ["--check", file], { stdio: "pipe" });
      const approved = row<{ content_hash: string }>(
        `SELECT v.content_hash FROM asset_versions v JOIN audit_events e ON e.version_id = v.id
       WHERE e.asset_id = ? AND e.action = 'APPROVE'`,
        asset.id,
      );
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(approved.content_hash);
      expect(row<{ n: number }>("SELECT count(*) AS n FROM downloads WHERE asset_id = ?", asset.id).n).toBe(
        1,
      );
      expect(jsErrors(page)).toEqual([]);
      await context.close();
      expect(nodesSince(from)).toEqual(["B"]);
      expect(verifyAuditChain(run.db, { key: run.cluster.backends.auditKey })).toMatchObject({ ok: true });
    },
    TEST_TIMEOUT_MS,
  );
});
