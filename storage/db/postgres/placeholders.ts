import type { SqlValue } from "../sql-connection";

// The domain's SQL is written once with SQLite's placeholders: `?` in order, or `@name` bound
// from an object (better-sqlite3's forms). PostgreSQL wants `$1, $2, …`. Kysely's Postgres
// compiler already emits `$n`, which passes through untouched.

export interface PgQueryText {
  /** The statement with `$n` placeholders. */
  text: string;
  /** For `@name` / `$name` / `:name` placeholders, the name of each `$n` in order; else null. */
  names: string[] | null;
}

const cache = new Map<string, PgQueryText>();
const CACHE_LIMIT = 2000;

/**
 * `sql` with SQLite placeholders turned into PostgreSQL's, skipping quoted strings, quoted
 * identifiers, comments and `::` casts. Cached per text (the domain reuses a few hundred statements).
 */
export function toPgPlaceholders(sql: string): PgQueryText {
  const hit = cache.get(sql);
  if (hit) return hit;
  let out = "";
  let positional = 0;
  const names: string[] = [];
  const index = new Map<string, number>();
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c);
      out += sql.slice(i, end);
      i = end;
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === "?") {
      positional += 1;
      out += `$${positional}${nullTestCast(sql, i + 1)}`;
      i += 1;
    } else if (c === ":" && sql[i + 1] === ":") {
      out += "::";
      i += 2;
    } else if ((c === "@" || c === "$" || c === ":") && /[A-Za-z_]/.test(sql[i + 1] ?? "")) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1)) as RegExpExecArray;
      const name = m[0];
      let n = index.get(name);
      if (n === undefined) {
        names.push(name);
        n = names.length;
        index.set(name, n);
      }
      out += `$${n}${nullTestCast(sql, i + 1 + name.length)}`;
      i += 1 + name.length;
    } else {
      out += c;
      i += 1;
    }
  }
  if (positional > 0 && names.length > 0) {
    throw new TypeError("a statement cannot mix ? and named placeholders");
  }
  const result: PgQueryText = { text: out, names: names.length > 0 ? names : null };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(sql, result);
  return result;
}

/**
 * `::text` when the placeholder ending at `at` is only tested with IS [NOT] NULL (the domain's
 * "optional filter" idiom, `? IS NULL OR col = ?`): PostgreSQL cannot infer a type for a
 * parameter used only there (42P18), SQLite never asks.
 */
function nullTestCast(sql: string, at: number): string {
  return /^\s+IS\s+(NOT\s+)?NULL\b/i.test(sql.slice(at, at + 16)) ? "::text" : "";
}

function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}

/**
 * The values of a call's bind arguments, in `$n` order: an object for named placeholders,
 * otherwise the arguments (arrays flattened one level, as better-sqlite3 does). Throws TypeError
 * for a named placeholder the object lacks, or a value neither engine binds.
 */
export function bindValues(query: PgQueryText, args: unknown[]): (string | null)[] {
  if (query.names) {
    const bag = args[0];
    if (!bag || typeof bag !== "object") throw new TypeError("named placeholders need an object of values");
    return query.names.map((name) => {
      if (!(name in bag)) throw new TypeError(`Missing named parameter "${name}"`);
      return encodeValue((bag as Record<string, unknown>)[name]);
    });
  }
  return args.flatMap((a) => (Array.isArray(a) ? a : [a])).map(encodeValue);
}

/** One bind value as libpq's text form; bytes become bytea's hex form. */
export function encodeValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "1" : "0";
  if (v instanceof Uint8Array)
    return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("hex")}`;
  throw new TypeError(
    `cannot bind a ${Object.prototype.toString.call(v)} (only text, numbers, bytes and null bind)`,
  );
}

export type { SqlValue };
