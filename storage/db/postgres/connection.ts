import { createRequire } from "node:module";
import type PQ from "libpq";
import type { SqlConnection, SqlRunResult, SqlStatement, SqlTransaction } from "../sql-connection";
import { PgError, isRetryableTransaction } from "./errors";
import { bindValues, toPgPlaceholders } from "./placeholders";
import { decodeValue } from "./values";

// One synchronous libpq connection per process, like the one better-sqlite3 connection it stands
// in for (decision 017). Every transaction is SERIALIZABLE: the domain's blocks were written for
// SQLite's single writer, and serialisable isolation gives them the same guarantee on a shared
// server — a block that would have seen another node's concurrent write is rolled back and run
// again, so a row-version guard or an audit append never acts on a stale read.

/** How often a transaction is tried before its serialisation failure is thrown. */
export const MAX_TRANSACTION_ATTEMPTS = 12;

/** Session settings of every connection: UTC times, and no lock or idle transaction held forever. */
const SESSION_SQL = [
  "SET TIME ZONE 'UTC'",
  "SET lock_timeout = '10s'",
  "SET idle_in_transaction_session_timeout = '60s'",
  "SET client_min_messages = 'warning'",
].join("; ");

// Loaded on first use: a SQLite install never loads the native client (and libpq's index prints
// its include path when it has no CommonJS parent, as under Vite).
let PQClass: typeof PQ | undefined;
function libpq(): typeof PQ {
  try {
    PQClass ??= createRequire(import.meta.url)("libpq") as typeof PQ;
  } catch (err) {
    // An optional dependency: a SQLite install does not need it, and it builds only where
    // libpq-dev (pg_config) and a compiler are present.
    throw new PgError(
      "LIBPQ_MISSING",
      `PostgreSQL needs the native libpq client, which is not built here (${(err as Error).message.split("\n")[0]}): apt-get install libpq-dev build-essential, then npm rebuild libpq`,
    );
  }
  return PQClass;
}

// libpq's binding registers each connection's socket with libuv and has no destructor: a PQ object
// collected while registered (never finished), or within a loop turn of finish() (its close is
// still pending), leaves libuv pointing at freed memory and aborts the process. So every PQ is
// held here until it is finished and its close has had time to complete.
const held = new Set<PQ>();
function release(pq: PQ): void {
  if (pq.connected) pq.finish();
  setTimeout(() => held.delete(pq), 1000).unref();
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function sleepMs(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

/**
 * The SQLSTATE for a failed connection, from libpq's message (a failed connect has no result to
 * carry one): 28P01 wrong password, 28000 refused by pg_hba.conf or no such role, 3D000 no such
 * database, else 08001 (server unreachable).
 */
function connectFailureCode(message: string): string {
  if (/password authentication failed/i.test(message)) return "28P01";
  if (/no pg_hba\.conf entry|role "[^"]*" does not exist/i.test(message)) return "28000";
  if (/database "[^"]*" does not exist/i.test(message)) return "3D000";
  return "08001";
}

/** The URL without its password, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

export class PgConnection implements SqlConnection {
  readonly dialect = "postgres" as const;
  readonly memory = false;
  readonly name: string;
  private pq: PQ;
  private depth = 0;

  /** Connects to `url` (postgres://user:pass@host:port/db). Throws PgError (08001…) when it cannot. */
  constructor(private readonly url: string) {
    this.name = redactUrl(url);
    this.pq = this.connect();
  }

  get open(): boolean {
    return this.pq.connected;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  private connect(): PQ {
    const pq = new (libpq())();
    held.add(pq);
    try {
      pq.connectSync(this.url);
    } catch (err) {
      release(pq);
      const text = (err as Error).message.trim();
      throw new PgError(connectFailureCode(text), `cannot connect to ${this.name}: ${text}`);
    }
    pq.exec(SESSION_SQL);
    return pq;
  }

  /** Runs `text` with `values`; reconnects once when the connection dropped outside a transaction. */
  query(text: string, values: (string | null)[] | null): PQ {
    const run = () => {
      if (values) this.pq.execParams(text, values);
      else this.pq.exec(text);
      return this.pq.resultStatus();
    };
    let status = run();
    if (status === "PGRES_FATAL_ERROR" && this.depth === 0 && this.pq.transactionStatus() === 4) {
      release(this.pq);
      this.pq = this.connect();
      status = run();
    }
    if (
      status === "PGRES_FATAL_ERROR" ||
      status === "PGRES_BAD_RESPONSE" ||
      status === "PGRES_NONFATAL_ERROR"
    ) {
      const f = this.pq.resultErrorFields();
      const message = f.messagePrimary ?? (this.pq.resultErrorMessage() || this.pq.errorMessage()).trim();
      throw new PgError(f.sqlState ?? "08006", message, f.messageDetail, f.constraintName);
    }
    return this.pq;
  }

  /** Rows of the last result, as objects (or arrays / first values when asked). */
  rows(shape: "object" | "raw" | "pluck"): unknown[] {
    const pq = this.pq;
    const n = pq.ntuples();
    const cols = pq.nfields();
    const names: string[] = [];
    const types: number[] = [];
    for (let c = 0; c < cols; c++) {
      names.push(pq.fname(c));
      types.push(pq.ftype(c));
    }
    const out: unknown[] = new Array(n);
    for (let r = 0; r < n; r++) {
      const value = (c: number) =>
        pq.getisnull(r, c) ? null : decodeValue(pq.getvalue(r, c), types[c] as number);
      if (shape === "pluck") out[r] = value(0);
      else if (shape === "raw") out[r] = names.map((_, c) => value(c));
      else {
        const row: Record<string, unknown> = {};
        for (let c = 0; c < cols; c++) row[names[c] as string] = value(c);
        out[r] = row;
      }
    }
    return out;
  }

  affected(): number {
    return Number(this.pq.cmdTuples() || 0);
  }

  prepare(sql: string): SqlStatement {
    return new PgStatement(this, sql);
  }

  exec(sql: string): this {
    this.query(sql, null);
    return this;
  }

  // biome-ignore lint/suspicious/noExplicitAny: mirrors better-sqlite3's transaction()
  transaction<F extends (...args: any[]) => any>(fn: F): SqlTransaction<ReturnType<F>> {
    return { immediate: () => this.runTransaction(fn) };
  }

  private runTransaction<T>(fn: () => T): T {
    if (this.depth > 0) return this.savepoint(fn);
    for (let attempt = 1; ; attempt++) {
      this.query("BEGIN ISOLATION LEVEL SERIALIZABLE", null);
      this.depth = 1;
      try {
        const result = fn();
        this.query("COMMIT", null);
        return result;
      } catch (err) {
        try {
          if (this.pq.transactionStatus() !== 0) this.query("ROLLBACK", null);
        } catch {
          // The connection is gone: the server has already rolled the transaction back.
        }
        if (!isRetryableTransaction(err) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw err;
      } finally {
        this.depth = 0;
      }
      // Back off with jitter so two nodes that collided do not collide again in step.
      sleepMs(Math.min(200, 2 ** attempt) + Math.random() * 10);
    }
  }

  private savepoint<T>(fn: () => T): T {
    const name = `sp${this.depth}`;
    this.query(`SAVEPOINT ${name}`, null);
    this.depth += 1;
    try {
      const result = fn();
      this.query(`RELEASE SAVEPOINT ${name}`, null);
      return result;
    } catch (err) {
      this.query(`ROLLBACK TO SAVEPOINT ${name}`, null);
      this.query(`RELEASE SAVEPOINT ${name}`, null);
      throw err;
    } finally {
      this.depth -= 1;
    }
  }

  close(): void {
    release(this.pq);
  }
}

class PgStatement implements SqlStatement {
  private shape: "object" | "raw" | "pluck" = "object";

  constructor(
    private readonly conn: PgConnection,
    private readonly sql: string,
  ) {}

  private execute(args: unknown[]): void {
    const q = toPgPlaceholders(this.sql);
    this.conn.query(q.text, bindValues(q, args));
  }

  all(...args: unknown[]): unknown[] {
    this.execute(args);
    return this.conn.rows(this.shape);
  }

  get(...args: unknown[]): unknown {
    return this.all(...args)[0];
  }

  run(...args: unknown[]): SqlRunResult {
    this.execute(args);
    return { changes: this.conn.affected(), lastInsertRowid: 0 };
  }

  iterate(...args: unknown[]): IterableIterator<unknown> {
    return this.all(...args)[Symbol.iterator]();
  }

  pluck(toggle = true): this {
    this.shape = toggle ? "pluck" : "object";
    return this;
  }

  raw(toggle = true): this {
    this.shape = toggle ? "raw" : "object";
    return this;
  }
}
