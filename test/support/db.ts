import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type DbHandle, openDatabase } from "../../storage/db/connection";
import { seedAll } from "../../storage/seed/seed";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const PLAN_FILE = "ke-hoach-tuyen-truyen-cchc-lac-phuong-2026.md";
/** The plan as the repository carries it, so a clone anywhere can check the seed against it. */
export const PLAN_MARKDOWN = path.resolve(REPO_ROOT, "storage/seed/source", PLAN_FILE);
/** Where the commune's shared folder publishes it, when the clone sits beside that folder. */
export const SHARED_PLAN_MARKDOWN = path.resolve(REPO_ROOT, "../shared/seed", PLAN_FILE);

export interface TempDb {
  dir: string;
  file: string;
  handle: DbHandle;
  /** Closes and re-opens the same file, as a restarted process would. */
  reopen(): DbHandle;
  /** A second, independent connection to the same file. */
  connect(): DbHandle;
  cleanup(): void;
}

export function makeTempDir(prefix = "co-dong-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tempDb(): TempDb {
  const dir = makeTempDir();
  const file = path.join(dir, "co-dong.sqlite");
  const extra: DbHandle[] = [];
  const t: TempDb = {
    dir,
    file,
    handle: openDatabase(file),
    reopen() {
      t.handle.close();
      t.handle = openDatabase(file);
      return t.handle;
    },
    connect() {
      const h = openDatabase(file);
      extra.push(h);
      return h;
    },
    cleanup() {
      for (const h of extra) h.close();
      t.handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

/** A temp database with the plan and the five demo users. */
export async function seededDb(): Promise<TempDb> {
  const t = tempDb();
  await seedAll(t.handle);
  return t;
}

export const USERS = {
  drafter: "user-soanthao",
  office: "user-vanhoa",
  approver: "user-phochutich",
  printer: "user-inan",
  admin: "user-quantri",
} as const;

/** Bytes that pass the service's "%PDF-" check; the label makes each version's hash distinct. */
export function fakePdf(label: string): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.7\n% ${label}\n1 0 obj <<>> endobj\n%%EOF\n`);
}

export function fakeFiles(label: string) {
  return {
    pdf: fakePdf(label),
    png: new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...new TextEncoder().encode(label)]),
    svg: `<svg xmlns="http://www.w3.org/2000/svg"><title>${label}</title></svg>`,
  };
}

/** Every row of every user table, in a stable order, for before/after comparisons. */
export function dumpTables(handle: DbHandle, except: string[] = []): Record<string, unknown[]> {
  const tables = handle.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    out[name] = handle.sqlite.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all();
  }
  return out;
}
