import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../storage/audit";
import { getAsset } from "../../storage/assets";
import { listOutbox } from "../../storage/outbox";
import { isWorkflowError } from "../../domain/workflow-error";
import { applyAssetEvent, createAsset } from "../../workflows/service";
import { fakeFiles, REPO_ROOT, seededDb, type TempDb, USERS } from "../support/db";

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

function assetAwaitingApproval() {
  const a = createAsset(t.handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.10",
    templateId: "tpl",
    formatId: "a2",
    text: "Chuyển đổi số – hướng tới xã Lạc Phượng thông minh",
    files: fakeFiles("race"),
  });
  for (const [type, user] of [
    ["SUBMIT", USERS.drafter],
    ["FORWARD", USERS.office],
  ] as const) {
    applyAssetEvent(t.handle, {
      assetId: a.assetId,
      versionHash: a.versionHash,
      event: { type, actor: { userId: user } },
    });
  }
  return a;
}

const REASON = { code: "other", text: "Cần thống nhất với Văn phòng HĐND và UBND" } as const;

describe("two decisions on the same version at once", () => {
  it("interleaved on the same row_version over two connections: exactly one applies", () => {
    const a = assetAwaitingApproval();
    const c1 = t.connect();
    const c2 = t.connect();
    // Both reviewers loaded the page at row_version 2.
    const seen = getAsset(c1, a.assetId)!.rowVersion;
    expect(getAsset(c2, a.assetId)!.rowVersion).toBe(seen);
    const results = [
      () =>
        applyAssetEvent(c1, {
          assetId: a.assetId,
          versionHash: a.versionHash,
          expectedRowVersion: seen,
          event: { type: "APPROVE", actor: { userId: USERS.approver } },
        }),
      () =>
        applyAssetEvent(c2, {
          assetId: a.assetId,
          versionHash: a.versionHash,
          expectedRowVersion: seen,
          event: { type: "REJECT", actor: { userId: USERS.approver }, reason: REASON },
        }),
    ].map((fn) => {
      try {
        return { ok: true as const, r: fn() };
      } catch (e) {
        if (!isWorkflowError(e)) throw e;
        return { ok: false as const, code: e.code };
      }
    });
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results[1]).toEqual({ ok: false, code: "CONFLICT" });
    const asset = getAsset(t.handle, a.assetId)!;
    expect(asset.state).toBe("approved");
    expect(asset.rowVersion).toBe(seen + 1);
    expect(listOutbox(t.handle, { kind: "publish_asset" })).toHaveLength(1);
  });

  it("separate processes racing on one SQLite file: exactly one decision is applied", async () => {
    const a = assetAwaitingApproval();
    const worker = path.join(t.dir, "race-worker.ts");
    writeFileSync(
      worker,
      `import { openDatabase } from ${JSON.stringify(path.join(REPO_ROOT, "storage/db/connection.ts"))};
import { applyAssetEvent } from ${JSON.stringify(path.join(REPO_ROOT, "workflows/service/index.ts"))};
const [file, assetId, hash, type, startAt, rowVersion] = process.argv.slice(2);
const db = openDatabase(file);
while (Date.now() < Number(startAt)) {}
try {
  const r = applyAssetEvent(db, {
    assetId, versionHash: hash,
    ...(rowVersion === "-" ? {} : { expectedRowVersion: Number(rowVersion) }),
    event: { type, actor: { userId: ${JSON.stringify(USERS.approver)} }, reason: ${JSON.stringify(REASON)} },
  });
  console.log(JSON.stringify({ ok: true, toState: r.toState }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, code: e.code ?? String(e) }));
} finally { db.close(); }
`,
    );
    const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");
    const run = (type: string, startAt: number, rowVersion: string) =>
      new Promise<{ ok: boolean; code?: string; toState?: string }>((resolve, reject) => {
        const p = spawn(tsx, [worker, t.file, a.assetId, a.versionHash, type, String(startAt), rowVersion], {
          cwd: REPO_ROOT,
        });
        let out = "";
        let err = "";
        p.stdout.on("data", (d) => {
          out += d;
        });
        p.stderr.on("data", (d) => {
          err += d;
        });
        p.on("close", () => {
          try {
            resolve(JSON.parse(out.trim().split("\n").pop()!));
          } catch {
            reject(new Error(`worker failed: ${err || out}`));
          }
        });
      });

    // Six deciders, three approving and three rejecting, released at the same instant; half send
    // the row_version they saw, half do not.
    const startAt = Date.now() + 2500;
    const results = await Promise.all(
      ["APPROVE", "REJECT", "APPROVE", "REJECT", "APPROVE", "REJECT"].map((type, i) =>
        run(type, startAt, i % 2 === 0 ? "2" : "-"),
      ),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners, JSON.stringify(results)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok))
      expect(["CONFLICT", "INVALID_TRANSITION"]).toContain(r.code);
    const asset = getAsset(t.handle, a.assetId)!;
    expect(asset.state).toBe(winners[0].toState);
    expect(asset.rowVersion).toBe(3);
    const decisions = t.handle.conn
      .prepare("SELECT count(*) AS n FROM audit_events WHERE asset_id = ? AND action IN ('APPROVE','REJECT')")
      .get(a.assetId) as { n: number };
    expect(decisions.n).toBe(1);
    expect(verifyAuditChain(t.handle).ok).toBe(true);
  }, 60_000);
});
