import type BetterSqlite3 from "better-sqlite3";
import type { Compilable, CompiledQuery } from "kysely";

// Kysely builds and types the SQL; better-sqlite3 runs it synchronously. Synchronous execution is
// what makes a `sqlite.transaction(fn).immediate()` block truly atomic: no await, no interleaving.

type Query<R> = Compilable<R> | CompiledQuery<R>;

function compiled<R>(q: Query<R>): CompiledQuery<R> {
  return "compile" in q ? q.compile() : q;
}

export function all<R>(sqlite: BetterSqlite3.Database, q: Query<R>): R[] {
  const c = compiled(q);
  return sqlite.prepare(c.sql).all(...(c.parameters as unknown[])) as R[];
}

export function first<R>(sqlite: BetterSqlite3.Database, q: Query<R>): R | undefined {
  const c = compiled(q);
  return sqlite.prepare(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
}

export function exec(sqlite: BetterSqlite3.Database, q: Query<unknown>): BetterSqlite3.RunResult {
  const c = compiled(q);
  return sqlite.prepare(c.sql).run(...(c.parameters as unknown[]));
}

/** Runs fn inside BEGIN IMMEDIATE … COMMIT (savepoint when already inside a transaction). */
export function immediate<T>(sqlite: BetterSqlite3.Database, fn: () => T): T {
  return sqlite.transaction(fn).immediate();
}
