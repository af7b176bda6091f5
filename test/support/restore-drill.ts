import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import type { DbHandle } from "../../storage/db/connection";
import { PgConnection } from "../../storage/db/postgres/connection";
import { dumpTables } from "./db";
import { pgBaseUrl } from "./pg-templates";
import { postgresBinDir } from "./postgres";

// The operator's side of docs/deploy.md's restore drill, for test/storage/restore-drill.test.ts:
// the same pg_dump / pg_restore invocations the document gives, with the test cluster's own
// binaries (a pg_dump older than the server refuses to dump it). Trust authentication lets them
// run as the current user with the database URL, root included.

/** One of the test cluster's client programs (TEST_PG_BIN_DIR, else the newest installed). */
function pgProgram(name: string): string {
  return path.join(process.env.TEST_PG_BIN_DIR ?? postgresBinDir(), name);
}

/** `pg_dump --format=custom` of the database at `url` into `file`. Throws with pg_dump's stderr. */
export function pgDump(url: string, file: string): void {
  execFileSync(pgProgram("pg_dump"), ["--format=custom", `--file=${file}`, url], { stdio: "pipe" });
}

/**
 * `pg_restore` of a custom-format `file` into the (empty) database at `url`, in one transaction
 * that stops at the first error, as docs/deploy.md restores. Throws with pg_restore's stderr.
 */
export function pgRestore(url: string, file: string): void {
  execFileSync(
    pgProgram("pg_restore"),
    ["--exit-on-error", "--single-transaction", "--no-owner", `--dbname=${url}`, file],
    { stdio: "pipe" },
  );
}

function withAdmin<T>(fn: (admin: PgConnection) => T): T {
  const base = pgBaseUrl();
  if (!base) throw new Error("not a PostgreSQL test run (TEST_PG_BASE_URL is not set)");
  const admin = new PgConnection(`${base}postgres`);
  try {
    return fn(admin);
  } finally {
    admin.close();
  }
}

const nameOf = (url: string) => new URL(url).pathname.slice(1);

/** Drops the database at `url` (ending its sessions) and creates it again, empty. */
export function recreateEmptyDatabase(url: string): void {
  withAdmin((admin) => {
    admin.exec(`DROP DATABASE IF EXISTS ${nameOf(url)} WITH (FORCE)`);
    admin.exec(`CREATE DATABASE ${nameOf(url)}`);
  });
}

/** A new empty database with `dump` restored into it (the drill on a scratch database); its URL. */
export function restoreIntoNewDatabase(dump: string): string {
  const base = pgBaseUrl()!;
  const url = `${base}r_${randomBytes(8).toString("hex")}`;
  withAdmin((admin) => admin.exec(`CREATE DATABASE ${nameOf(url)}`));
  pgRestore(url, dump);
  return url;
}

/** How many tables the public schema of the database at `url` holds. */
export function publicTableCount(url: string): number {
  const conn = new PgConnection(url);
  try {
    return (
      conn
        .prepare(
          "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        )
        .get() as { n: number }
    ).n;
  } finally {
    conn.close();
  }
}

/** What a restore must bring back: every row of every table, their counts, and every sequence's position. */
export interface DatabaseImage {
  tables: Record<string, unknown[]>;
  counts: Record<string, number>;
  /** sequence name → last_value (null before its first nextval). */
  sequences: Record<string, number | null>;
}

/** The image of a PostgreSQL database, for a before/after comparison around a restore. */
export function databaseImage(handle: DbHandle): DatabaseImage {
  const tables = dumpTables(handle);
  const counts = Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]));
  const rows = handle.conn
    .prepare(
      "SELECT sequencename AS name, last_value AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1",
    )
    .all() as { name: string; value: number | null }[];
  return { tables, counts, sequences: Object.fromEntries(rows.map((r) => [r.name, r.value])) };
}

const run = promisify(execFile);
const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");

/**
 * Runs a repository script (`scripts/cli.ts`, `scripts/backup/verify-objects.ts`) in a real
 * process with `env` added to this one's, as an operator would on a node; a non-zero exit is
 * returned as `code`, not thrown.
 */
export async function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [script, ...args], {
      cwd: process.cwd(),
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
