import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditHistory, dropAuditTriggers, rewriteUnkeyed } from "../support/audit-history";
import { cli } from "../support/cli";
import { missingDatabaseEnv } from "../support/cli-db";
import { dbEnv, makeTempDir, ON_POSTGRES, seededDb, type TempDb, USERS } from "../support/db";
import { setEnv } from "../support/env";

// Issue 11, A9: `npm run cli -- audit verify` checks the log of the database the app uses
// (DATABASE_PATH or DATABASE_URL) with its key, exits 0 with a count when intact, and non-zero naming the first
// bad row (id, action, asset code) when not.

const saved = {
  DATABASE_PATH: process.env.DATABASE_PATH,
  DATABASE_URL: process.env.DATABASE_URL,
  AUDIT_KEY: process.env.AUDIT_KEY,
};
let t: TempDb;
beforeEach(async () => {
  // SQLite keeps its key in a file beside the database when AUDIT_KEY is unset; PostgreSQL has no
  // such file, so there the CLI reads the AUDIT_KEY the run set (and inherits it from this process).
  if (!ON_POSTGRES) setEnv({ AUDIT_KEY: undefined });
  t = await seededDb();
  setEnv(dbEnv(t.file));
});
afterEach(() => {
  t.cleanup();
  setEnv(saved);
});

const codeOf = (assetId: string) =>
  (t.handle.conn.prepare("SELECT code FROM assets WHERE id = ?").get(assetId) as { code: string }).code;

describe("audit verify", () => {
  it("exits 0 with the row count on an intact log", async () => {
    auditHistory(t.handle);
    const r = await cli("audit", "verify");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("Nhật ký kiểm toán nguyên vẹn: 7 bản ghi.");
    const j = await cli("audit", "verify", "--json");
    expect(JSON.parse(j.stdout)).toEqual({ ok: true, count: 7 });
  });

  it("exits non-zero naming the first bad row: id, action and asset code", async () => {
    const ids = auditHistory(t.handle);
    dropAuditTriggers(t.handle);
    // Row 5 (FORWARD of asset one) edited and every hash from it on recomputed without the key.
    rewriteUnkeyed(t.handle, 5, { actor_user_id: USERS.approver, actor_role: "approver" });
    const r = await cli("audit", "verify");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const line = r.stderr.trim();
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toMatch(/^AUDIT_CHAIN_BROKEN: /);
    expect(line).toContain(`#5 (FORWARD, ${codeOf(ids[0])})`);
    const j = await cli("audit", "verify", "--json");
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({
      ok: false,
      firstBadId: 5,
      action: "FORWARD",
      assetCode: codeOf(ids[0]),
      code: "edited",
    });
  });

  it("names a row edited with the triggers dropped", async () => {
    const ids = auditHistory(t.handle);
    dropAuditTriggers(t.handle);
    t.handle.conn.exec("UPDATE audit_events SET reason_text = 'Không có lý do' WHERE id = 6");
    const r = await cli("audit", "verify");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`#6 (RETURN, ${codeOf(ids[1])})`);
  });

  it("a wrong AUDIT_KEY is a failure, not an intact log", async () => {
    auditHistory(t.handle);
    setEnv({ AUDIT_KEY: "x".repeat(64) });
    const r = await cli("audit", "verify");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^AUDIT_CHAIN_BROKEN: .*#1 \(CREATE, /);
  });

  it("refuses a database that does not exist instead of creating one", async () => {
    setEnv(missingDatabaseEnv(makeTempDir()));
    const r = await cli("audit", "verify");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^DATABASE_NOT_FOUND: /);
  });

  it("answers a wrong sub-command with its usage and exit 2", async () => {
    const r = await cli("audit", "fix");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("audit verify");
  });
});
