import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getAsset } from "../../storage/assets";
import { claimOutbox, failOutbox, PUBLISH_KIND } from "../../storage/outbox";
import { approvedAsset } from "../support/approved-asset";
import { cli } from "../support/cli";
import { missingDatabaseEnv } from "../support/cli-db";
import { dbEnv, seededDb, type TempDb } from "../support/db";
import { setEnv } from "../support/env";

// Issue 11, B6: `publishStatus`/`retryPublish` had no door; decision 060 tells an admin to use them.
// `npm run cli -- publish status|retry CODE` on the database the app uses (DATABASE_PATH or
// DATABASE_URL).

const saved = { DATABASE_PATH: process.env.DATABASE_PATH, DATABASE_URL: process.env.DATABASE_URL };
let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
  setEnv(dbEnv(t.file));
});
afterEach(() => {
  t.cleanup();
  setEnv(saved);
});

/** Fails the asset's publish job until it gives up (10 attempts), as a non-retryable error would. */
function exhaust(): void {
  let clock = Date.now();
  for (let i = 0; i < 10; i++) {
    clock += 3 * 3600_000;
    const now = new Date(clock);
    const [job] = claimOutbox(t.handle, { workerId: "w", kinds: [PUBLISH_KIND], now });
    failOutbox(t.handle, job.id, "w", "KEY_CONFLICT: the key holds different bytes", now);
  }
}

// Each test starts seven or five real CLI processes (tsx compiles the app each time): a busy machine
// needs more than the default minute for them.
describe("publish status / retry", { timeout: 180_000 }, () => {
  it("status shows a failed upload with its last error; retry re-queues it once", async () => {
    const a = approvedAsset(t.handle, "cli");
    const code = getAsset(t.handle, a.assetId)!.code;
    const waiting = await cli("publish", "status", code);
    expect(waiting).toMatchObject({ code: 0, stderr: "" });
    expect(waiting.stdout.split("\n")[0]).toBe(
      `${code}: Đã phê duyệt, đang chờ lưu file in lên kho lưu trữ (awaiting_upload)`,
    );

    exhaust();
    const failed = await cli("publish", "status", code);
    expect(failed.code).toBe(0);
    expect(failed.stdout).toContain("(failed)");
    expect(failed.stdout).toContain("dead, 10 lần thử");
    expect(failed.stdout).toContain("lỗi gần nhất: KEY_CONFLICT: the key holds different bytes");
    expect(failed.stdout).toContain(`npm run cli -- publish retry ${code}`);

    const retried = await cli("publish", "retry", code);
    expect(retried).toMatchObject({ code: 0, stderr: "" });
    expect(retried.stdout.trim()).toMatch(new RegExp(`^${code}: đã đưa lại vào hàng đợi`));
    const json = JSON.parse((await cli("publish", "status", code, "--json")).stdout);
    expect(json).toMatchObject({
      code,
      assetId: a.assetId,
      state: "awaiting_upload",
      jobStatus: "pending",
      attempts: 0,
    });

    const again = await cli("publish", "retry", code);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect(again.stderr).toMatch(new RegExp(`^NOTHING_TO_RETRY: ${code} `));
  });

  it("one CODE: message line for an unknown asset or a missing database; usage errors exit 2", async () => {
    const unknown = await cli("publish", "status", "CCHC-2026-9.99-9999");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('ASSET_NOT_FOUND: không có ấn phẩm mã "CCHC-2026-9.99-9999".');

    setEnv(missingDatabaseEnv(t.dir));
    const missing = await cli("publish", "retry", "X");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^DATABASE_NOT_FOUND: /);

    for (const args of [["status"], ["push", "X"], ["retry", "X", "--json"]]) {
      const r = await cli("publish", ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^USAGE: /);
    }
  });
});
