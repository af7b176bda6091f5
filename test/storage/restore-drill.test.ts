/**
 * The restore drill of docs/deploy.md, on a real PostgreSQL (`npm run test:pg`): real history
 * (assets created, returned, approved, published to a folder store, one revoked; a library logo),
 * then `pg_dump --format=custom`, DROP DATABASE, an empty CREATE DATABASE and `pg_restore`. The
 * restored database must hold every row and sequence it held, its audit chain must verify with
 * the real verifier and the real CLI, every object the database names must still hash to what
 * the database records, and work must go on. A restore that was tampered with, and an object store
 * that lost or changed a file, must be caught.
 *
 * The cases run in order on one restored database: the comparisons come before the case that
 * writes to it; the tampering happens on scratch restores of the same dump and a copy of the store.
 */
import { cpSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPublisherOnce } from "../../jobs/publisher";
import { checkedCount, checkStoredObjects } from "../../scripts/backup/object-check";
import { verifyAuditChain } from "../../storage/audit";
import { getAsset } from "../../storage/assets";
import { type DbHandle, openDatabase } from "../../storage/db/connection";
import { migrate } from "../../storage/db/migrate";
import { ingestMedia } from "../../storage/media";
import { FolderObjectStore } from "../../storage/objects/index.server";
import { listPublishedObjects } from "../../storage/published-objects";
import { approvedAsset, decide } from "../support/approved-asset";
import { step } from "../support/audit-history";
import { fakeFiles, makeTempDir, ON_POSTGRES, seededDb, type TempDb, USERS } from "../support/db";
import { dropPgDatabase, TEST_AUDIT_KEY } from "../support/pg-templates";
import {
  type DatabaseImage,
  databaseImage,
  pgDump,
  pgRestore,
  publicTableCount,
  recreateEmptyDatabase,
  restoreIntoNewDatabase,
  runScript,
} from "../support/restore-drill";
import { newDraft } from "../support/workflow";

const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><circle r="40"/></svg>';

interface History {
  /** Print banner 0.8 × 5 m (pdf + png published), left published. */
  print: string;
  /** Facebook link image (png published), then revoked: its object is withdrawn, not deleted. */
  screen: string;
  /** Submitted and returned by the office: never published. */
  returned: string;
}

/** The history the drill dumps; every step through the services the app itself calls. */
async function makeHistory(handle: DbHandle, store: FolderObjectStore): Promise<History> {
  const print = approvedAsset(handle, "in", { formatId: "bang-ron-0.8x5" }).assetId;
  const screen = approvedAsset(handle, "màn hình", { formatId: "fb-link-1200x630", screen: true }).assetId;
  const returned = newDraft(handle, USERS.drafter, fakeFiles("trả lại")).assetId;
  step(handle, returned, "SUBMIT", USERS.drafter);
  step(handle, returned, "RETURN", USERS.office, {
    reason: { code: "unit_name", text: "Sai tên Phòng Văn hóa - Xã hội" },
  });
  expect(await runPublisherOnce({ db: handle, store })).toMatchObject({ published: 2, failed: 0 });
  decide(handle, screen, "REVOKE", USERS.approver);
  expect(await runPublisherOnce({ db: handle, store })).toMatchObject({ withdrawn: 1, failed: 0 });
  const [logo] = await ingestMedia({
    db: handle,
    store,
    userId: USERS.drafter,
    files: [{ bytes: Buffer.from(LOGO), name: "logo.svg" }],
    kind: "logo",
  });
  expect(logo?.ok).toBe(true);
  return { print, screen, returned };
}

/** The settings a node of the restored site runs with: the database URL and the same key. */
const nodeEnv = (url: string, dataDir: string) => ({
  DATABASE_URL: url,
  DATA_DIR: dataDir,
  AUDIT_KEY: TEST_AUDIT_KEY,
  // One node, on the folder store in DATA_DIR (a blank MINIO_ENDPOINT counts as unset).
  APP_NODES: "1",
  MINIO_ENDPOINT: "",
});

const auditVerify = (url: string, dataDir: string) =>
  runScript("scripts/cli.ts", ["audit", "verify"], nodeEnv(url, dataDir));
const verifyObjects = (url: string, dataDir: string) =>
  runScript("scripts/backup/verify-objects.ts", [], nodeEnv(url, dataDir));

describe.skipIf(!ON_POSTGRES)("restore drill on PostgreSQL: pg_dump, drop, pg_restore", () => {
  let t: TempDb;
  let store: FolderObjectStore;
  let history: History;
  let before: DatabaseImage;
  let chainBefore: number;
  let tablesWhileEmpty: number;
  let dump: string;
  const scratch: string[] = [];
  const folders: string[] = [];

  beforeAll(async () => {
    t = await seededDb();
    store = new FolderObjectStore({ root: path.join(t.dir, "objects") });
    history = await makeHistory(t.handle, store);
    before = databaseImage(t.handle);
    const chain = verifyAuditChain(t.handle);
    if (!chain.ok) throw new Error(`the history's chain does not verify before the dump: ${chain.reason}`);
    chainBefore = chain.count;

    dump = path.join(t.dir, "co-dong.dump");
    pgDump(t.file, dump);
    t.handle.close();
    recreateEmptyDatabase(t.file);
    tablesWhileEmpty = publicTableCount(t.file);
    pgRestore(t.file, dump);
    // Opened without migrating, so the first case sees the restore exactly as pg_restore left it.
    t.handle = openDatabase(t.file, { migrate: false });
  }, 120_000);

  afterAll(() => {
    for (const url of scratch) dropPgDatabase(url);
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
    t?.cleanup();
  });

  /** The same dump restored into a new scratch database (dropped after the file), opened. */
  function scratchRestore(): { url: string; handle: DbHandle } {
    const url = restoreIntoNewDatabase(dump);
    scratch.push(url);
    return { url, handle: openDatabase(url, { migrate: false }) };
  }

  /** A copy of the object folder, as a mirror restored from backup would be. */
  function storeCopy(): { dir: string; store: FolderObjectStore } {
    const dir = makeTempDir("co-dong-restore-");
    folders.push(dir);
    cpSync(path.join(t.dir, "objects"), path.join(dir, "objects"), { recursive: true });
    return { dir, store: new FolderObjectStore({ root: path.join(dir, "objects") }) };
  }

  it("brings back every row of every table, every sequence's position and the migration ledger", () => {
    expect(tablesWhileEmpty).toBe(0);
    const after = databaseImage(t.handle);
    // The history reached the tables the drill is about.
    for (const table of ["assets", "audit_events", "published_objects", "media", "outbox", "version_files"]) {
      expect(before.counts[table], table).toBeGreaterThan(0);
    }
    // The ids that must not be handed out twice after a restore come from these sequences.
    expect(Object.keys(before.sequences)).toEqual(
      expect.arrayContaining(["audit_events_id_seq", "outbox_id_seq"]),
    );
    expect(after.counts).toEqual(before.counts);
    expect(after.sequences).toEqual(before.sequences);
    expect(after.tables).toEqual(before.tables);
    expect(migrate(t.handle)).toEqual([]);
  });

  it("the audit chain verifies with the real verifier and `npm run cli -- audit verify`, and only with its key", async () => {
    expect(verifyAuditChain(t.handle)).toEqual({ ok: true, count: chainBefore });
    const cli = await auditVerify(t.file, t.dir);
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`${chainBefore} bản ghi`);
    // The key is not in the dump: restored without it (or with another), the log cannot be vouched for.
    expect(verifyAuditChain(t.handle, { key: `${TEST_AUDIT_KEY}-other` })).toMatchObject({
      ok: false,
      code: "key_mismatch",
    });
  });

  it("every object the database names still hashes to the SHA-256 it records", async () => {
    const published = listPublishedObjects(t.handle.conn, {});
    expect(published.map((o) => [o.assetId, o.kind, o.withdrawnAt !== null]).sort()).toEqual(
      [
        [history.print, "pdf", false],
        [history.print, "png", false],
        [history.screen, "png", true],
      ].sort(),
    );
    const result = await checkStoredObjects(t.handle, store);
    expect(result).toEqual({
      checked: { published_objects: 3, media: 1, installation_photos: 0 },
      findings: [],
    });
    const cmd = await verifyObjects(t.file, t.dir);
    expect(cmd.stderr).toBe("");
    expect(cmd.code).toBe(0);
    expect(cmd.stdout).toContain("Kho lưu trữ khớp cơ sở dữ liệu: 4 tệp");
  });

  it("work goes on: new decisions append to the chain after the restored ids, the publisher runs", async () => {
    const lastBefore = (
      t.handle.conn.prepare("SELECT max(id) AS id FROM audit_events").get() as { id: number }
    ).id;
    const newRows = () =>
      (
        t.handle.conn.prepare("SELECT count(*) AS n FROM audit_events WHERE id > ?").get(lastBefore) as {
          n: number;
        }
      ).n;
    const fresh = newDraft(t.handle, USERS.drafter, fakeFiles("sau phục hồi")).assetId;
    step(t.handle, fresh, "SUBMIT", USERS.drafter);
    decide(t.handle, history.print, "REVOKE", USERS.approver);
    expect(newRows()).toBe(3);
    expect(verifyAuditChain(t.handle)).toEqual({ ok: true, count: chainBefore + 3 });
    expect(getAsset(t.handle, history.print)?.state).toBe("revoked");

    expect(await runPublisherOnce({ db: t.handle, store })).toMatchObject({ withdrawn: 1, failed: 0 });
    expect(listPublishedObjects(t.handle.conn, { assetId: history.print }).every((o) => o.withdrawnAt)).toBe(
      true,
    );
    expect((await checkStoredObjects(t.handle, store)).findings).toEqual([]);
    expect(databaseImage(t.handle).counts.audit_events).toBe(before.counts.audit_events + 3);
  });

  it("a restored audit row edited with the triggers off (the database without the key) fails the check", async () => {
    const { url, handle } = scratchRestore();
    try {
      expect(verifyAuditChain(handle)).toMatchObject({ ok: true });
      const approval = (
        handle.conn
          .prepare("SELECT max(id) AS id FROM audit_events WHERE asset_id = ? AND action = 'APPROVE'")
          .get(history.print) as { id: number }
      ).id;
      handle.conn.exec("ALTER TABLE audit_events DISABLE TRIGGER USER");
      handle.conn
        .prepare("UPDATE audit_events SET comment = ? WHERE id = ?")
        .run("Đã duyệt theo chỉ đạo miệng", approval);
      handle.conn.exec("ALTER TABLE audit_events ENABLE TRIGGER USER");
      expect(verifyAuditChain(handle)).toMatchObject({ ok: false, code: "edited", firstBadId: approval });
      const cli = await auditVerify(url, t.dir);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(
        `AUDIT_CHAIN_BROKEN: nhật ký kiểm toán bị sửa đổi từ bản ghi #${approval}`,
      );
    } finally {
      handle.close();
    }
  });

  it("an object store that lost one file and changed another, and a row whose hash was changed, fail the check", async () => {
    const { url, handle } = scratchRestore();
    try {
      const copy = storeCopy();
      const objects = listPublishedObjects(handle.conn, {});
      const pdf = objects.find((o) => o.assetId === history.print && o.kind === "pdf")!;
      const printPng = objects.find((o) => o.assetId === history.print && o.kind === "png")!;
      const screenPng = objects.find((o) => o.assetId === history.screen && o.kind === "png")!;
      // One flipped byte in the print file's blob; the screen image's record gone from the mirror.
      const root = path.join(copy.dir, "objects");
      const sidecar = JSON.parse(readFileSync(path.join(root, "meta", `${pdf.key}.json`), "utf8")) as {
        blob: string;
      };
      const blob = path.join(root, "blobs", sidecar.blob);
      const bytes = readFileSync(blob);
      bytes[bytes.length - 2] ^= 0x01;
      writeFileSync(blob, bytes);
      unlinkSync(path.join(root, "meta", `${screenPng.key}.json`));
      // The store is consistent with itself for this one; only the database's hash says otherwise.
      handle.conn
        .prepare("UPDATE published_objects SET sha256 = ? WHERE version_id = ? AND kind = 'png'")
        .run("0".repeat(64), printPng.versionId);

      const result = await checkStoredObjects(handle, copy.store);
      expect(checkedCount(result)).toBe(4);
      expect(result.findings.map((f) => [f.key, f.problem]).sort()).toEqual(
        [
          [pdf.key, "mismatch"],
          [printPng.key, "mismatch"],
          [screenPng.key, "missing"],
        ].sort(),
      );
      expect(result.findings.find((f) => f.key === printPng.key)).toMatchObject({
        expected: "0".repeat(64),
        actual: printPng.sha256,
      });
      // The untouched original still matches: the findings are the tampering, not the check.
      expect((await checkStoredObjects(t.handle, store)).findings).toEqual([]);

      const cmd = await verifyObjects(url, copy.dir);
      expect(cmd.code).toBe(1);
      expect(cmd.stderr).toContain(`OBJECT_MISSING: file in đã phát hành ${screenPng.key}`);
      expect(cmd.stderr).toContain(`OBJECT_MISMATCH: file in đã phát hành ${pdf.key}`);
      expect(cmd.stderr).toContain("3/4 tệp hỏng hoặc thiếu.");
    } finally {
      handle.close();
    }
  });
});
