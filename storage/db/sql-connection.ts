// The synchronous SQL connection the domain runs on: better-sqlite3's own API for SQLite, and the
// same few methods over libpq for PostgreSQL (storage/db/postgres/). Synchronous on purpose
// (decision 017): a transaction is one uninterrupted block of code, so the row-version guards,
// the audit chain and the outbox claim stay atomic without any await inside them.

export type Dialect = "sqlite" | "postgres";

/** A value SQLite and PostgreSQL both bind: text, numbers, bytes, null. */
export type SqlValue = string | number | bigint | Buffer | Uint8Array | null;

export interface SqlRunResult {
  /** Rows the statement inserted, changed or deleted. */
  changes: number;
  /** SQLite's rowid of the last insert; 0 on PostgreSQL (use RETURNING id on both). */
  lastInsertRowid: number | bigint;
}

export interface SqlStatement {
  // biome-ignore lint/suspicious/noExplicitAny: mirrors better-sqlite3's variadic bind parameters
  all(...params: any[]): unknown[];
  // biome-ignore lint/suspicious/noExplicitAny: as above
  get(...params: any[]): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  run(...params: any[]): SqlRunResult;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  iterate(...params: any[]): IterableIterator<unknown>;
  /** Rows as their first column's value. */
  pluck(toggle?: boolean): this;
  /** Rows as arrays of values, in column order. */
  raw(toggle?: boolean): this;
}

export interface SqlTransaction<T> {
  /** Runs the block as one transaction that holds the write lock from its first statement. */
  immediate(): T;
}

export interface SqlConnection {
  prepare(sql: string): SqlStatement;
  /** Runs one or more statements without parameters (DDL, migrations). */
  exec(sql: string): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: mirrors better-sqlite3's transaction()
  transaction<F extends (...args: any[]) => any>(fn: F): SqlTransaction<ReturnType<F>>;
  readonly inTransaction: boolean;
  readonly open: boolean;
  /** The SQLite file, or the PostgreSQL URL with its password removed. */
  readonly name: string;
  readonly memory: boolean;
  close(): void;
}

/** The dialect of `conn`: PostgreSQL connections say so; a better-sqlite3 database does not. */
export function dialectOf(conn: SqlConnection): Dialect {
  return (conn as { dialect?: Dialect }).dialect ?? "sqlite";
}
