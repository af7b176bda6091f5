import { describe, expect, it } from "vitest";
import { WorkflowError } from "../../domain/workflow-error";
import { verifyAuditChain } from "../../storage/audit";
import { type AppNode, send, signInCookie } from "../support/nodes";
import {
  assetAt,
  clusterUnderTest,
  TEST_TIMEOUT_MS,
  MULTI_NODE_RUN,
  type WaitingAsset,
  waitFor,
} from "./support";

// Issue 15 §3: twenty assets wait for the approver; for each, two decisions are posted at the same
// moment, one to each node, as two tabs (or two people) confirming at once. The row-version guard
// runs in one serialisable transaction on PostgreSQL: exactly one decision per asset is applied,
// the other is refused as "someone acted first", and the audit chain stays one unbroken chain.

const PAIRS = 20;
/** The CONFLICT refusal a page shows the one who came second. */
const ACTED_FIRST_VI = new WorkflowError("CONFLICT").messageVi;

const run = clusterUnderTest();

type Decision = "APPROVE" | "RETURN";
interface Posted {
  node: string;
  decision: Decision;
  status: number;
  body: string;
}

function post(node: AppNode, cookie: string, asset: WaitingAsset, decision: Decision): Promise<Posted> {
  const form = new URLSearchParams({
    intent: "decide",
    decision,
    versionHash: asset.versionHash,
    rowVersion: String(asset.rowVersion),
  });
  if (decision === "RETURN") {
    form.set("reasonCode", "diacritics");
    form.set("reasonText", "Kiểm tra lại dấu ở dòng phụ.");
  }
  return send(`${node.url}/asset/${encodeURIComponent(asset.id)}`, {
    method: "POST",
    headers: { Origin: run.cluster.publicOrigin, cookie },
    body: form,
  }).then((res) => ({ node: node.name, decision, status: res.status, body: res.body }));
}

/** Even pairs: the same approval twice. Odd pairs: approve on one node, return on the other, alternating. */
const plan = (k: number): [Decision, Decision] =>
  k % 2 === 0 ? ["APPROVE", "APPROVE"] : k % 4 === 1 ? ["RETURN", "APPROVE"] : ["APPROVE", "RETURN"];

describe.skipIf(!MULTI_NODE_RUN)("concurrent decisions on two nodes", () => {
  it(
    `${PAIRS} pairs posted at once to node A and node B: exactly one of each is applied`,
    async () => {
      const db = run.db;
      const [a, b] = run.cluster.nodes;
      const assets = Array.from({ length: PAIRS }, (_, k) => assetAt(db, `pair-${k}`));
      // Signed in on A, used on both: the session is in the database, not in a node.
      const cookie = await signInCookie(a.url, run.cluster.publicOrigin, "phochutich");
      // Both nodes have served an asset page before the race, so neither starts it cold.
      for (const node of [a, b]) {
        const page = await send(`${node.url}/asset/${encodeURIComponent(assets[0].id)}`, {
          headers: { cookie },
        });
        expect(page.status, node.name).toBe(200);
      }

      const pairs = await Promise.all(
        assets.map(async (asset, k) => {
          const [onA, onB] = plan(k);
          const answers = await Promise.all([post(a, cookie, asset, onA), post(b, cookie, asset, onB)]);
          return { asset, answers };
        }),
      );

      const wins: Record<string, number> = { A: 0, B: 0 };
      for (const { asset, answers } of pairs) {
        const applied = answers.filter((r) => r.status === 200);
        const refused = answers.filter((r) => r.status === 409);
        const seen = answers.map((r) => `${r.node} ${r.decision} → ${r.status}`).join(", ");
        expect(applied, `${asset.code}: ${seen}`).toHaveLength(1);
        expect(refused, `${asset.code}: ${seen}`).toHaveLength(1);
        // The one who came second is told someone acted first, not a generic error.
        expect(refused[0].body, asset.code).toContain(ACTED_FIRST_VI);
        wins[applied[0].node]++;
        const decided = db.conn
          .prepare("SELECT action FROM audit_events WHERE asset_id = ? AND action IN ('APPROVE', 'RETURN')")
          .all(asset.id) as { action: string }[];
        expect(decided, asset.code).toEqual([{ action: applied[0].decision }]);
      }
      console.log(`[multi-node] applied decisions by node: A ${wins.A}, B ${wins.B}`);

      // Each approval is published once, by whichever node's publisher claims it.
      const approved = pairs.filter((p) =>
        p.answers.some((r) => r.status === 200 && r.decision === "APPROVE"),
      );
      const returned = pairs.filter((p) =>
        p.answers.some((r) => r.status === 200 && r.decision === "RETURN"),
      );
      const stateOf = (id: string) =>
        (db.conn.prepare("SELECT state FROM assets WHERE id = ?").get(id) as { state: string }).state;
      await waitFor(
        () => approved.filter((p) => stateOf(p.asset.id) !== "published").map((p) => p.asset.code),
        (left) => left.length === 0,
        "approved assets not published within 60 s",
      );
      for (const p of returned) expect(stateOf(p.asset.id), p.asset.code).toBe("returned");
      const published = db.conn
        .prepare(
          `SELECT asset_id, count(*) AS n FROM audit_events WHERE action = 'PUBLISHED' AND asset_id IN (${assets.map(() => "?").join(",")}) GROUP BY asset_id`,
        )
        .all(...assets.map((x) => x.id)) as { asset_id: string; n: number }[];
      expect(published.map((r) => r.n)).toEqual(approved.map(() => 1));

      // Decisions and publications appended by two processes at once: still one verifiable chain.
      const verdict = verifyAuditChain(db, { key: run.cluster.backends.auditKey });
      expect(verdict).toMatchObject({ ok: true });
    },
    TEST_TIMEOUT_MS,
  );
});
