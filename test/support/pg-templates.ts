import { randomBytes } from "node:crypto";
import { PgConnection } from "../../storage/db/postgres/connection";

/** The template databases pg-global-setup.ts prepares. */
export const PG_TEMPLATES = { migrated: "codong_template", seeded: "codong_seeded" } as const;

/** The audit key of every PostgreSQL test database (the chain's key lives outside the database). */
export const TEST_AUDIT_KEY = "test-audit-key-0123456789abcdef0123456789abcdef";

/** The test cluster's base URL when the run is on PostgreSQL (`npm run test:pg`), else null. */
export function pgBaseUrl(): string | null {
  return process.env.TEST_PG_BASE_URL ?? null;
}

let admin: PgConnection | undefined;
function adminConn(base: string): PgConnection {
  if (!admin?.open) admin = new PgConnection(`${base}postgres`);
  return admin;
}

/** A new database copied from `template`; returns its URL. */
export function createPgDatabase(template: keyof typeof PG_TEMPLATES): string {
  const base = pgBaseUrl();
  if (!base) throw new Error("not a PostgreSQL test run (TEST_PG_BASE_URL is not set)");
  const name = `t_${randomBytes(8).toString("hex")}`;
  adminConn(base).exec(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATES[template]}`);
  return `${base}${name}`;
}

/** Drops the database at `url`, ending its connections first. */
export function dropPgDatabase(url: string): void {
  const base = pgBaseUrl();
  if (!base) return;
  const name = new URL(url).pathname.slice(1);
  adminConn(base).exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
