import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AUDIT_KEY_FILE,
  appendAudit,
  computeAuditHash,
  computeKeyedAuditHash,
  resolveAuditKey,
  verifyAuditChain,
} from "../../storage/audit";
import { migrate, MIGRATIONS, openDatabase } from "../../storage/db";
import { seedAll } from "../../storage/seed/seed";
import { auditHistory, auditRows, dropAuditTriggers, rewriteUnkeyed, step } from "../support/audit-history";
import { makeTempDir, ON_POSTGRES, seededDb, type TempDb, USERS } from "../support/db";

// Issue 11, A9 (decision 061): the chain is keyed with HMAC-SHA256 under a secret kept outside the
// database, so someone with only the database cannot recompute it; rows written before the key
// stay verifiable.

const savedKey = process.env.AUDIT_KEY;
// Where the key comes from when nobody sets one: the key file on SQLite; on PostgreSQL the run's
// AUDIT_KEY, the only source there (its databases are copies of a template keyed with it).
const defaultKey = ON_POSTGRES ? savedKey : undefined;
const useDefaultKey = () => {
  if (defaultKey === undefined) delete process.env.AUDIT_KEY;
  else process.env.AUDIT_KEY = defaultKey;
};
let t: TempDb | null = null;
beforeEach(useDefaultKey);
afterEach(() => {
  t?.cleanup();
  t = null;
  if (savedKey === undefined) delete process.env.AUDIT_KEY;
  else process.env.AUDIT_KEY = savedKey;
});

const plainEvent = {
  assetId: null,
  versionId: null,
  actorUserId: USERS.admin,
  actorRole: "admin" as const,
  action: "PLAN_RESEEDED",
  fromState: null,
  toState: null,
  versionHash: null,
};

describe("keyed audit chain", () => {
  it("a row rewritten with its hash and every later hash recomputed the unkeyed way is named", async () => {
    t = await seededDb();
    auditHistory(t.handle);
    expect(verifyAuditChain(t.handle)).toEqual({ ok: true, count: 7 });
    dropAuditTriggers(t.handle);
    // Row 5 (FORWARD) said the office forwarded; now it says the approver did, and the chain
    // after it is recomputed so every link and every unkeyed hash is consistent again.
    rewriteUnkeyed(t.handle, 5, { actor_user_id: USERS.approver, actor_role: "approver" });
    const rows = auditRows(t.handle);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(verifyAuditChain(t.handle)).toMatchObject({ ok: false, firstBadId: 5 });
    expect(verifyAuditChain(t.handle)).toMatchObject({
      code: "edited",
      reason: expect.stringMatching(/key/),
    });
  });

  it("a whole chain rewritten the unkeyed way fails at its first row", async () => {
    t = await seededDb();
    auditHistory(t.handle);
    dropAuditTriggers(t.handle);
    rewriteUnkeyed(t.handle, 1, { comment: "đã sửa" });
    expect(verifyAuditChain(t.handle)).toMatchObject({ ok: false, firstBadId: 1, code: "edited" });
  });

  it("a row edited with the triggers dropped is named by its id", async () => {
    t = await seededDb();
    auditHistory(t.handle);
    dropAuditTriggers(t.handle);
    t.handle.conn.exec("UPDATE audit_events SET reason_text = 'Không có lý do' WHERE id = 6");
    expect(verifyAuditChain(t.handle)).toMatchObject({ ok: false, firstBadId: 6, code: "edited" });
  });

  it.skipIf(ON_POSTGRES)(
    "keeps the key in a 0600 file beside the database, written once and never replaced",
    async () => {
      t = await seededDb();
      const file = path.join(t.dir, AUDIT_KEY_FILE);
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const key = resolveAuditKey(t.handle.conn).key;
      auditHistory(t.handle);
      const rows = auditRows(t.handle);
      const { prev_hash, hash, ...fields } = rows[2];
      expect(hash).toBe(computeKeyedAuditHash(key, prev_hash, fields));
      expect(hash).not.toBe(computeAuditHash(prev_hash, fields));
      // A restart reads the same key; no temporary files are left behind.
      t.reopen();
      expect(resolveAuditKey(t.handle.conn).key.equals(key)).toBe(true);
      expect(verifyAuditChain(t.handle)).toEqual({ ok: true, count: 7 });
      expect(readdirSync(t.dir).filter((f) => f.includes(".tmp"))).toEqual([]);
      // The file's content as AUDIT_KEY is the same key: a key file moves into the environment.
      process.env.AUDIT_KEY = readFileSync(file, "utf8");
      expect(verifyAuditChain(t.handle)).toEqual({ ok: true, count: 7 });
    },
  );

  it("AUDIT_KEY keys the chain and no key file is written", async () => {
    process.env.AUDIT_KEY = defaultKey ?? "k".repeat(16) + randomBytes(16).toString("hex");
    t = await seededDb();
    expect(existsSync(path.join(t.dir, AUDIT_KEY_FILE))).toBe(false);
    auditHistory(t.handle);
    expect(verifyAuditChain(t.handle)).toEqual({ ok: true, count: 7 });
    const { prev_hash, hash, ...fields } = auditRows(t.handle)[0];
    expect(hash).toBe(computeKeyedAuditHash(Buffer.from(process.env.AUDIT_KEY), prev_hash, fields));
    // The same database without the variable: the key is missing, which is said, not guessed.
    delete process.env.AUDIT_KEY;
    expect(verifyAuditChain(t.handle)).toMatchObject({ ok: false, code: "key_missing", firstBadId: 1 });
  });

  it("refuses an AUDIT_KEY shorter than 32 characters at start-up", () => {
    process.env.AUDIT_KEY = "short-key";
    const dir = makeTempDir();
    try {
      expect(() => openDatabase(path.join(dir, "co-dong.sqlite"))).toThrow(/AUDIT_KEY must be at least 32/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a wrong or lost key", () => {
  it("a wrong key is detected, not mistaken for an intact chain", async () => {
    t = await seededDb();
    auditHistory(t.handle);
    expect(verifyAuditChain(t.handle, { key: randomBytes(32) })).toMatchObject({
      ok: false,
      code: "key_mismatch",
      firstBadId: 1,
    });
    // The same through AUDIT_KEY, which takes precedence over the key file.
    process.env.AUDIT_KEY = randomBytes(32).toString("hex");
    expect(verifyAuditChain(t.handle)).toMatchObject({ ok: false, code: "key_mismatch" });
  });

  it("appending with a wrong key is refused and writes nothing", async () => {
    t = await seededDb();
    auditHistory(t.handle);
    process.env.AUDIT_KEY = randomBytes(32).toString("hex");
    expect(() => appendAudit(t!.handle, plainEvent)).toThrow(
      expect.objectContaining({ code: "AUDIT_KEY_MISMATCH" }),
    );
    expect(auditRows(t.handle)).toHaveLength(7);
    useDefaultKey();
    expect(verifyAuditChain(t.handle)).toEqual({ ok: true, count: 7 });
  });

  it.skipIf(ON_POSTGRES)(
    "a deleted key file is reported missing and is not silently replaced by a new key",
    async () => {
      t = await seededDb();
      auditHistory(t.handle);
      const file = path.join(t.dir, AUDIT_KEY_FILE);
      rmSync(file);
      expect(verifyAuditChain(t.handle)).toMatchObject({ ok: false, code: "key_missing", firstBadId: 1 });
      expect(() => appendAudit(t!.handle, plainEvent)).toThrow(
        expect.objectContaining({ code: "AUDIT_KEY_MISSING" }),
      );
      t.reopen();
      expect(existsSync(file)).toBe(false);
      expect(auditRows(t.handle)).toHaveLength(7);
    },
  );
});

describe("rows from before the key", () => {
  /**
   * A database as the app left it before migration 005, rows hashed unkeyed: every migration but
   * 005 (those after it touch other tables, and today's seed writes their columns).
   */
  async function legacyDb(): Promise<TempDb> {
    const dir = makeTempDir();
    const file = path.join(dir, "co-dong.sqlite");
    const handle = openDatabase(file, { migrate: false });
    handle.conn.exec("CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
    for (const m of MIGRATIONS.filter((m) => m.id !== "005_keyed_audit_chain")) {
      m.up(handle.conn);
      handle.conn
        .prepare("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)")
        .run(m.id, new Date().toISOString());
    }
    await seedAll(handle);
    const legacy: TempDb = {
      dir,
      file,
      handle,
      reopen() {
        legacy.handle.close();
        legacy.handle = openDatabase(file);
        return legacy.handle;
      },
      connect: () => openDatabase(file),
      cleanup() {
        legacy.handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    return legacy;
  }

  it("old unkeyed rows, then migration 005, then keyed rows: the whole log verifies", async () => {
    t = await legacyDb();
    const ids = auditHistory(t.handle);
    const before = auditRows(t.handle);
    for (const r of before) {
      const { prev_hash, hash, ...fields } = r;
      expect(hash).toBe(computeAuditHash(prev_hash, fields));
    }
    expect(existsSync(path.join(t.dir, AUDIT_KEY_FILE))).toBe(false);

    // The upgrade, as the next start of the app runs it.
    expect(migrate(t.handle)).toEqual(["005_keyed_audit_chain"]);
    expect(t.handle.conn.prepare("SELECT first_keyed_id FROM audit_chain").get()).toEqual({
      first_keyed_id: 8,
    });
    expect(verifyAuditChain(t.handle)).toEqual({ ok: true, count: 7 });

    step(t.handle, ids[1], "SUBMIT", USERS.drafter);
    step(t.handle, ids[1], "FORWARD", USERS.office);
    t.reopen();
    expect(verifyAuditChain(t.handle)).toEqual({ ok: true, count: 9 });
    const key = resolveAuditKey(t.handle.conn).key;
    const rows = auditRows(t.handle);
    expect(rows.slice(0, 7)).toEqual(before);
    for (const r of rows.slice(7)) {
      const { prev_hash, hash, ...fields } = r;
      expect(hash).toBe(computeKeyedAuditHash(key, prev_hash, fields));
    }
  });

  it("old rows rewritten the unkeyed way are detected even before any keyed row exists", async () => {
    t = await legacyDb();
    auditHistory(t.handle);
    migrate(t.handle);
    dropAuditTriggers(t.handle);
    rewriteUnkeyed(t.handle, 4, { comment: "thêm vào sau" });
    expect(verifyAuditChain(t.handle)).toMatchObject({ ok: false, code: "legacy_rewritten", firstBadId: 1 });
  });

  it("old rows rewritten up to the first keyed row are detected", async () => {
    t = await legacyDb();
    const ids = auditHistory(t.handle);
    migrate(t.handle);
    step(t.handle, ids[1], "SUBMIT", USERS.drafter);
    dropAuditTriggers(t.handle);
    rewriteUnkeyed(t.handle, 4, { comment: "thêm vào sau" }, 7);
    expect(verifyAuditChain(t.handle)).toMatchObject({ ok: false, code: "legacy_rewritten" });
  });

  it("moving the checkpoint to pass keyed rows off as old unkeyed ones is detected", async () => {
    t = await legacyDb();
    const ids = auditHistory(t.handle);
    migrate(t.handle);
    step(t.handle, ids[1], "SUBMIT", USERS.drafter);
    step(t.handle, ids[1], "FORWARD", USERS.office);
    dropAuditTriggers(t.handle);
    t.handle.conn.exec("DROP TRIGGER audit_chain_no_update; DROP TRIGGER audit_chain_no_delete;");
    rewriteUnkeyed(t.handle, 9, { actor_user_id: USERS.drafter });
    t.handle.conn.exec("UPDATE audit_chain SET first_keyed_id = 10");
    expect(verifyAuditChain(t.handle)).toMatchObject({
      ok: false,
      code: "checkpoint_altered",
      firstBadId: 1,
    });
    // Deleting it instead is as visible, and appends stop rather than continue unkeyed.
    t.handle.conn.exec("DELETE FROM audit_chain");
    expect(verifyAuditChain(t.handle)).toMatchObject({ ok: false, code: "checkpoint_missing" });
    expect(() => appendAudit(t!.handle, plainEvent)).toThrow(
      expect.objectContaining({ code: "AUDIT_CHECKPOINT_MISSING" }),
    );
  });
});
