import type { Compilable, CompiledQuery } from "kysely";
import type { SqlConnection, SqlRunResult } from "./sql-connection";

// Kysely builds and types the SQL; the synchronous connection runs it (better-sqlite3, or libpq
// for PostgreSQL). Synchronous execution is what makes a `conn.transaction(fn).immediate()` block
// truly atomic: no await, no interleaving.

type Query<R> = Compilable<R> | CompiledQuery<R>;

function compiled<R>(q: Query<R>): CompiledQuery<R> {
  return "compile" in q ? q.compile() : q;
}

export function all<R>(conn: SqlConnection, q: Query<R>): R[] {
  const c = compiled(q);
  return conn.prepare(c.sql).all(...(c.parameters as unknown[])) as R[];
}

export function first<R>(conn: SqlConnection, q: Query<R>): R | undefined {
  const c = compiled(q);
  return conn.prepare(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
}

export function exec(conn: SqlConnection, q: Query<unknown>): SqlRunResult {
  const c = compiled(q);
  return conn.prepare(c.sql).run(...(c.parameters as unknown[]));
}

/**
 * Runs fn as one transaction: BEGIN IMMEDIATE on SQLite, SERIALIZABLE (retried on a conflict) on
 * PostgreSQL; a savepoint when already inside one. `fn` must only touch the database, since
 * PostgreSQL may run it more than once.
 */
export function immediate<T>(conn: SqlConnection, fn: () => T): T {
  return conn.transaction(fn).immediate();
}
