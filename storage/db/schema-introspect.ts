import { dialectOf, type SqlConnection } from "./sql-connection";

// The schema as both engines can describe it, so test/storage/schema-lockstep.test.ts can hold
// the SQLite and PostgreSQL migrations to one logical schema. SQLite is read from sqlite_master and
// its pragmas (and the CREATE statements themselves, for what no pragma tells: CHECKs, collations,
// deferred references, trigger bodies); PostgreSQL from pg_catalog. What the engines spell
// differently is normalised away (types to families, casts, parentheses, BETWEEN/IN rewrites);
// what they mean differently is kept, so a difference shows as a diff.

/** A column's storage family: SQLite's type affinity; PostgreSQL's type mapped onto it. */
export type ColumnFamily = "text" | "integer" | "real" | "blob" | "numeric";

export interface ColumnShape {
  name: string;
  /** A family; a PostgreSQL type with no family here is kept by name ("pg:boolean", "pg:real"), so it differs. */
  type: ColumnFamily | string;
  /** NOT NULL, or part of the primary key (SQLite lets a non-INTEGER key column hold NULL; nothing here writes one). */
  notNull: boolean;
  /** The default as an expression without casts or parentheses ("'pending'", "0.5"), or null. */
  default: string | null;
  /** Position in the primary key, from 1; 0 when the column is not part of it. */
  pk: number;
  /** The engine numbers new rows: SQLite's INTEGER PRIMARY KEY (with or without AUTOINCREMENT), PostgreSQL's identity. */
  autoId: boolean;
  /** A collation other than the default, lower case ("nocase"), or null. */
  collation: string | null;
}

export interface ForeignKeyShape {
  columns: string[];
  table: string;
  refColumns: string[];
  /** NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT. */
  onDelete: string;
  onUpdate: string;
  /** DEFERRABLE INITIALLY DEFERRED: checked at commit instead of after each statement. */
  deferred: boolean;
}

/** An index made with CREATE INDEX (not one that backs a PRIMARY KEY or UNIQUE constraint). */
export interface IndexShape {
  name: string;
  /** Key columns in order, "col DESC" for a descending one. */
  columns: string[];
  unique: boolean;
  /** A partial index's predicate, normalised ("status = 'pending'"), or null. */
  where: string | null;
}

export interface TableShape {
  /** In column order. */
  columns: ColumnShape[];
  /** Column lists of the UNIQUE constraints (each in constraint order), sorted. */
  uniques: string[][];
  /** Sorted by their columns. */
  foreignKeys: ForeignKeyShape[];
  /** Sorted by name. */
  indexes: IndexShape[];
  /**
   * One signature per CHECK: the columns it reads, then every literal it holds ("kind |
   * 'office', 'road'"), sorted. The engines rewrite expressions (BETWEEN, IN, casts), so the
   * full text cannot be compared; the columns and literals survive every rewrite.
   */
  checks: string[];
  /** "name: BEFORE UPDATE 'message'" — timing, event, and the literals of its body (SQLite) or arguments (PostgreSQL); sorted. */
  triggers: string[];
}

export interface SchemaShape {
  /** Every table of the database (SQLite's own sqlite_* and POSTGRES_BOOKKEEPING aside), by name. */
  tables: Record<string, TableShape>;
}

/**
 * PostgreSQL objects that stand in for SQLite internals and so have no counterpart to compare:
 * audit_sequence is sqlite_sequence's row for audit_events (storage/audit/head.ts), kept by the
 * audit_events_sequence trigger (migration 001). TRUNCATE triggers are left out as well: SQLite
 * has no TRUNCATE.
 */
export const POSTGRES_BOOKKEEPING = {
  tables: ["audit_sequence"],
  triggers: ["audit_events_sequence"],
} as const;

/**
 * The schema of `conn`'s database (its current schema on PostgreSQL) as a SchemaShape: plain
 * data, equal for two databases whose tables, columns (order, family, NOT NULL, default,
 * primary key, row numbering, collation), UNIQUE constraints, foreign keys, indexes, CHECKs and
 * triggers are the same. Reads the catalog only; throws what the driver throws.
 */
export function describeSchema(conn: SqlConnection): SchemaShape {
  return dialectOf(conn) === "postgres" ? describePostgres(conn) : describeSqlite(conn);
}

/** Whether a table named `name` exists (in the current schema on PostgreSQL). */
export function tableExists(conn: SqlConnection, name: string): boolean {
  const sql =
    dialectOf(conn) === "postgres"
      ? `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p')`
      : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
  return conn.prepare(sql).get(name) !== undefined;
}

// ---- tokens: enough of SQL's lexical grammar for CREATE statements and catalog expressions ----

type TokenKind = "word" | "ident" | "string" | "number" | "op";
interface Token {
  kind: TokenKind;
  /** Words as written; identifiers and strings unquoted; operators as in MULTI_OPS or one character. */
  text: string;
}

const MULTI_OPS = ["::", "<>", "!=", ">=", "<=", "==", "||"];

/**
 * `sql` as tokens. SQLite also quotes identifiers with `backticks` and [brackets]; PostgreSQL
 * (`dialect` "postgres") uses brackets for arrays (ARRAY['a', 'b'], text[]).
 */
function tokenize(sql: string, dialect: "sqlite" | "postgres" = "sqlite"): Token[] {
  const closingQuote: Record<string, string> =
    dialect === "sqlite" ? { '"': '"', "`": "`", "[": "]" } : { '"': '"' };
  const out: Token[] = [];
  let i = 0;
  const quoted = (close: string): string => {
    let text = "";
    i++;
    while (i < sql.length) {
      if (sql[i] === close) {
        if (sql[i + 1] === close && close !== "]") {
          text += close;
          i += 2;
          continue;
        }
        i++;
        return text;
      }
      text += sql[i++];
    }
    return text;
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    const rest = sql.slice(i);
    if (/\s/.test(c)) i++;
    else if (rest.startsWith("--")) i = sql.indexOf("\n", i) < 0 ? sql.length : sql.indexOf("\n", i);
    else if (rest.startsWith("/*")) i = sql.indexOf("*/", i) < 0 ? sql.length : sql.indexOf("*/", i) + 2;
    else if (c === "'") out.push({ kind: "string", text: quoted("'") });
    else if (closingQuote[c]) out.push({ kind: "ident", text: quoted(closingQuote[c] as string) });
    else {
      const number = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest);
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(rest);
      const op = MULTI_OPS.find((o) => rest.startsWith(o)) ?? c;
      const [kind, text]: [TokenKind, string] = number
        ? ["number", number[0]]
        : word
          ? ["word", word[0]]
          : ["op", op];
      out.push({ kind, text });
      i += text.length;
    }
  }
  return out;
}

const isWord = (t: Token | undefined, ...words: string[]) =>
  t?.kind === "word" && words.includes(t.text.toUpperCase());
const isOp = (t: Token | undefined, op: string) => t?.kind === "op" && t.text === op;
const nameOf = (t: Token | undefined) => (t ? (t.kind === "word" ? t.text.toLowerCase() : t.text) : "");

/** Index of the parenthesis closing the one at `open`. */
function closingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isOp(tokens[i], "(")) depth++;
    else if (isOp(tokens[i], ")") && --depth === 0) return i;
  }
  return tokens.length;
}

/** The tokens between the parenthesis at `open` and its match. */
function parenthesised(tokens: Token[], open: number): Token[] {
  return tokens.slice(open + 1, closingParen(tokens, open));
}

// PostgreSQL writes casts into what it prints back ('x'::text, (0)::double precision); the
// type names that can follow "::" in this schema, with their second words.
const TYPE_SECOND_WORDS: Record<string, string[]> = {
  double: ["precision"],
  character: ["varying"],
  timestamp: ["with", "without", "time", "zone"],
};

/** `tokens` without casts ("::type") and without parentheses. */
function withoutCastsAndParens(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (isOp(t, "::")) {
      const first = nameOf(tokens[++i]);
      const second = TYPE_SECOND_WORDS[first] ?? [];
      while (second.includes(nameOf(tokens[i + 1]))) i++;
      while (isOp(tokens[i + 1], "[") || isOp(tokens[i + 1], "]")) i++;
    } else if (!isOp(t, "(") && !isOp(t, ")")) out.push(t);
  }
  return out;
}

const canonicalNumber = (text: string) => String(Number(text));
const NUMERIC_TEXT = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const OPERAND_KEYWORDS = new Set([
  "AND",
  "OR",
  "NOT",
  "BETWEEN",
  "IN",
  "IS",
  "LIKE",
  "WHEN",
  "THEN",
  "ELSE",
  "CASE",
]);

/** A literal as the description shows it: numbers canonical (also PostgreSQL's quoted '-90'), strings quoted. */
function literalText(t: Token, negative: boolean): string {
  if (t.kind === "number") return canonicalNumber(negative ? `-${t.text}` : t.text);
  if (NUMERIC_TEXT.test(t.text)) return canonicalNumber(t.text);
  return `'${t.text.replaceAll("'", "''")}'`;
}

/** Every string and number in `tokens`, a unary minus folded into its number. */
function literals(tokens: Token[]): string[] {
  const plain = withoutCastsAndParens(tokens);
  const out: string[] = [];
  plain.forEach((t, i) => {
    if (t.kind !== "string" && t.kind !== "number") return;
    const before = plain[i - 1];
    const beforeThat = plain[i - 2];
    const negative =
      t.kind === "number" &&
      isOp(before, "-") &&
      (beforeThat === undefined ||
        beforeThat.kind === "op" ||
        (beforeThat.kind === "word" && OPERAND_KEYWORDS.has(beforeThat.text.toUpperCase())));
    out.push(literalText(t, negative));
  });
  return out;
}

/** An expression as comparable text: no casts or parentheses, words lower case, one space apart. */
function expressionText(tokens: Token[]): string {
  return withoutCastsAndParens(tokens)
    .map((t) => {
      if (t.kind === "string" || t.kind === "number") return literalText(t, false);
      if (t.kind === "word") return t.text.toLowerCase();
      if (t.text === "!=") return "<>";
      return t.text === "==" ? "=" : t.text;
    })
    .join(" ");
}

function checkSignature(columns: string[], expression: Token[]): string {
  return `${[...new Set(columns)].sort().join(",")} | ${literals(expression).sort().join(", ")}`;
}

const byJoined = (a: string[], b: string[]) => a.join(",").localeCompare(b.join(","));

// ---- SQLite ----

interface SqliteTableSql {
  /** Each CHECK with the columns of the table it mentions. */
  checks: { columns: string[]; expression: Token[] }[];
  collations: Map<string, string>;
  /** Foreign keys declared DEFERRABLE INITIALLY DEFERRED, by their columns joined with ",". */
  deferred: Set<string>;
  withoutRowid: boolean;
}

const TABLE_CONSTRAINT_WORDS = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];

/** What sqlite_master's CREATE TABLE text says that no pragma does. */
function parseSqliteTable(sql: string, columnNames: Set<string>): SqliteTableSql {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => isOp(t, "("));
  const close = closingParen(tokens, open);
  const result: SqliteTableSql = {
    checks: [],
    collations: new Map(),
    deferred: new Set(),
    withoutRowid: tokens.slice(close).some((t) => isWord(t, "ROWID")),
  };
  const defs: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens.slice(open + 1, close)) {
    if (isOp(t, "(")) depth++;
    if (isOp(t, ")")) depth--;
    if (depth === 0 && isOp(t, ",")) defs.push([]);
    else defs[defs.length - 1]?.push(t);
  }
  for (const def of defs) {
    const column = isWord(def[0], ...TABLE_CONSTRAINT_WORDS) ? null : nameOf(def[0]);
    for (let i = 0; i < def.length; i++) {
      const t = def[i];
      if (isWord(t, "CHECK") && isOp(def[i + 1], "(")) {
        const expression = parenthesised(def, i + 1);
        const mentioned = expression
          .filter((e, k) => (e.kind === "word" || e.kind === "ident") && !isOp(expression[k + 1], "("))
          .map(nameOf)
          .filter((n) => columnNames.has(n));
        result.checks.push({ columns: mentioned, expression });
        i = closingParen(def, i + 1);
      } else if (isWord(t, "COLLATE") && column) {
        result.collations.set(column, nameOf(def[i + 1]));
      } else if (isWord(t, "REFERENCES")) {
        const keyAt = def.findIndex((d) => isWord(d, "KEY"));
        const from = column
          ? [column]
          : parenthesised(def, keyAt + 1)
              .filter((d) => !isOp(d, ","))
              .map(nameOf);
        const tail = def.slice(i);
        const deferrable = tail.findIndex((d) => isWord(d, "DEFERRABLE"));
        if (
          deferrable >= 0 &&
          !isWord(tail[deferrable - 1], "NOT") &&
          isWord(tail[deferrable + 2], "DEFERRED")
        ) {
          result.deferred.add(from.join(","));
        }
      }
    }
  }
  return result;
}

/** SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1) for a declared type. */
function sqliteFamily(declared: string): ColumnFamily {
  const t = declared.toUpperCase();
  if (t.includes("INT")) return "integer";
  if (/CHAR|CLOB|TEXT/.test(t)) return "text";
  if (t === "" || t.includes("BLOB")) return "blob";
  if (/REAL|FLOA|DOUB/.test(t)) return "real";
  return "numeric";
}

function describeSqlite(conn: SqlConnection): SchemaShape {
  const q = <T>(sql: string, ...params: unknown[]) => conn.prepare(sql).all(...params) as T[];
  const tables = q<{ name: string; sql: string }>(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const shape: SchemaShape = { tables: {} };
  for (const table of tables) {
    const info = q<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(
      'SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid',
      table.name,
    );
    const parsed = parseSqliteTable(table.sql, new Set(info.map((c) => c.name.toLowerCase())));
    const pkCount = info.filter((c) => c.pk > 0).length;
    const columns: ColumnShape[] = info.map((c) => ({
      name: c.name,
      type: sqliteFamily(c.type),
      notNull: c.notnull === 1 || c.pk > 0,
      default: c.dflt_value === null ? null : expressionText(tokenize(c.dflt_value)),
      pk: c.pk,
      autoId: c.pk === 1 && pkCount === 1 && c.type.toUpperCase() === "INTEGER" && !parsed.withoutRowid,
      collation: parsed.collations.get(c.name.toLowerCase()) ?? null,
    }));

    const indexList = q<{ name: string; unique: number; origin: string; partial: number }>(
      'SELECT name, "unique", origin, partial FROM pragma_index_list(?)',
      table.name,
    );
    const keyColumns = (index: string) =>
      q<{ name: string | null; desc: number }>(
        'SELECT name, "desc" FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno',
        index,
      ).map((c) => `${c.name ?? "<expression>"}${c.desc ? " DESC" : ""}`);
    const uniques = indexList
      .filter((i) => i.origin === "u")
      .map((i) => keyColumns(i.name))
      .sort(byJoined);
    const indexes: IndexShape[] = indexList
      .filter((i) => i.origin === "c")
      .map((i) => ({
        name: i.name,
        columns: keyColumns(i.name),
        unique: i.unique === 1,
        where: i.partial ? sqliteIndexWhere(conn, i.name) : null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));

    const fkRows = q<{
      id: number;
      table: string;
      from: string;
      to: string | null;
      on_update: string;
      on_delete: string;
    }>(
      'SELECT id, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq',
      table.name,
    );
    const fks = new Map<number, ForeignKeyShape>();
    for (const r of fkRows) {
      const fk = fks.get(r.id) ?? {
        columns: [],
        table: r.table,
        refColumns: [],
        onDelete: r.on_delete,
        onUpdate: r.on_update,
        deferred: false,
      };
      fk.columns.push(r.from);
      fk.refColumns.push(r.to ?? "<primary key>");
      fks.set(r.id, fk);
    }
    const foreignKeys = [...fks.values()]
      .map((fk) => ({ ...fk, deferred: parsed.deferred.has(fk.columns.join(",").toLowerCase()) }))
      .sort((a, b) => byJoined(a.columns, b.columns));

    const triggers = q<{ name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
      table.name,
    )
      .map((t) => sqliteTrigger(t.name, t.sql))
      .sort();

    shape.tables[table.name] = {
      columns,
      uniques,
      foreignKeys,
      indexes,
      checks: parsed.checks.map((c) => checkSignature(c.columns, c.expression)).sort(),
      triggers,
    };
  }
  return shape;
}

/** The WHERE of a partial index, from its CREATE INDEX text. */
function sqliteIndexWhere(conn: SqlConnection, index: string): string | null {
  const row = conn.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(index) as
    | { sql: string }
    | undefined;
  const tokens = tokenize(row?.sql ?? "");
  const at = tokens.findIndex((t) => isWord(t, "WHERE"));
  return at < 0 ? null : expressionText(tokens.slice(at + 1));
}

/** "name: BEFORE UPDATE 'message'" from CREATE TRIGGER name [BEFORE|AFTER|INSTEAD OF] event … BEGIN … END. */
function sqliteTrigger(name: string, sql: string): string {
  const tokens = tokenize(sql);
  const at = tokens.findIndex((t) => isWord(t, "BEFORE", "AFTER", "INSTEAD", "DELETE", "INSERT", "UPDATE"));
  const timing = isWord(tokens[at], "INSTEAD")
    ? "INSTEAD OF"
    : isWord(tokens[at], "AFTER")
      ? "AFTER"
      : "BEFORE";
  const event = tokens
    .slice(at)
    .find((t) => isWord(t, "DELETE", "INSERT", "UPDATE"))
    ?.text.toUpperCase();
  const body = tokens.slice(tokens.findIndex((t) => isWord(t, "BEGIN")));
  const messages = body.filter((t) => t.kind === "string").map((t) => literalText(t, false));
  return [`${name}: ${timing} ${event}`, ...messages].join(" ");
}

// ---- PostgreSQL ----

const FK_ACTIONS: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

// SQLite's INTEGER holds 8 bytes and its REAL is an 8-byte float: integer and bigint are its
// family (integer where no value nears 2^31), but PostgreSQL's 4-byte `real` and 2-byte `smallint`
// would lose what SQLite keeps, so they stay by name ("pg:real") and show as a difference.
function postgresFamily(type: string): ColumnFamily | string {
  if (/^(integer|bigint)$/.test(type)) return "integer";
  if (/^(text|character varying|character)\b/.test(type)) return "text";
  if (type === "double precision") return "real";
  if (type === "bytea") return "blob";
  if (/^numeric\b/.test(type)) return "numeric";
  return `pg:${type}`;
}

const splitNames = (joined: string | null) => (joined ? joined.split("\n") : []);

function describePostgres(conn: SqlConnection): SchemaShape {
  const q = <T>(sql: string, ...params: unknown[]) => conn.prepare(sql).all(...params) as T[];
  const bookkeeping: readonly string[] = POSTGRES_BOOKKEEPING.tables;
  const tables = q<{ oid: number; name: string }>(
    `SELECT c.oid, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  ).filter((t) => !bookkeeping.includes(t.name));
  // Column lists of a constraint, by attribute numbers, in the constraint's order.
  const names = (rel: string, keys: string) =>
    `(SELECT string_agg(a.attname, E'\\n' ORDER BY k.i) FROM unnest(${keys}) WITH ORDINALITY k(n, i)
      JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.n)`;
  const shape: SchemaShape = { tables: {} };
  for (const table of tables) {
    const constraints = q<{
      contype: string;
      def: string;
      cols: string | null;
      ref_table: string | null;
      ref_cols: string | null;
      confupdtype: string;
      confdeltype: string;
      condeferred: number;
    }>(
      `SELECT con.contype, pg_get_constraintdef(con.oid) AS def, ${names("con.conrelid", "con.conkey")} AS cols,
         CASE WHEN con.contype = 'f' THEN (SELECT relname FROM pg_class WHERE oid = con.confrelid) END AS ref_table,
         ${names("con.confrelid", "con.confkey")} AS ref_cols, con.confupdtype, con.confdeltype, con.condeferred
       FROM pg_constraint con WHERE con.conrelid = ? ORDER BY con.conname`,
      table.oid,
    );
    const pkColumns = splitNames(constraints.find((c) => c.contype === "p")?.cols ?? null);
    const columns = q<{
      name: string;
      type: string;
      not_null: number;
      dflt: string | null;
      identity: string;
      collation: string | null;
    }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
         pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity AS identity,
         CASE WHEN co.collname <> 'default' THEN co.collname END AS collation
       FROM pg_attribute a
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       LEFT JOIN pg_collation co ON co.oid = a.attcollation
       WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      table.oid,
    ).map(
      (c): ColumnShape => ({
        name: c.name,
        type: postgresFamily(c.type),
        notNull: c.not_null === 1,
        default:
          c.dflt === null || c.dflt.startsWith("nextval(")
            ? null
            : expressionText(tokenize(c.dflt, "postgres")),
        pk: pkColumns.indexOf(c.name) + 1,
        autoId: c.identity !== "" || (c.dflt?.startsWith("nextval(") ?? false),
        collation: c.collation,
      }),
    );

    const indexes = q<{
      name: string;
      is_unique: number;
      predicate: string | null;
      cols: string;
      options: string;
    }>(
      `SELECT ic.relname AS name, i.indisunique AS is_unique, pg_get_expr(i.indpred, i.indrelid) AS predicate,
         (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true), E'\\n' ORDER BY k)
            FROM generate_series(1, i.indnkeyatts) k) AS cols,
         i.indoption::text AS options
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
       WHERE i.indrelid = ? AND NOT EXISTS (
         SELECT 1 FROM pg_constraint c
         WHERE c.conrelid = i.indrelid AND c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))`,
      table.oid,
    )
      .map((i): IndexShape => {
        // indoption bit 0 is DESC (pg_index.h).
        const options = i.options.split(" ").map(Number);
        return {
          name: i.name,
          columns: splitNames(i.cols).map((c, k) => `${c}${(options[k] ?? 0) & 1 ? " DESC" : ""}`),
          unique: i.is_unique === 1,
          where: i.predicate === null ? null : expressionText(tokenize(i.predicate, "postgres")),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));

    const triggers = q<{ name: string; type: number; args: Buffer }>(
      "SELECT tgname AS name, tgtype AS type, tgargs AS args FROM pg_trigger WHERE tgrelid = ? AND NOT tgisinternal",
      table.oid,
    )
      .filter((t) => !(POSTGRES_BOOKKEEPING.triggers as readonly string[]).includes(t.name))
      .map((t) => postgresTrigger(t.name, t.type, t.args))
      .filter((t): t is string => t !== null)
      .sort();

    shape.tables[table.name] = {
      columns,
      uniques: constraints
        .filter((c) => c.contype === "u")
        .map((c) => splitNames(c.cols))
        .sort(byJoined),
      foreignKeys: constraints
        .filter((c) => c.contype === "f")
        .map((c) => ({
          columns: splitNames(c.cols),
          table: c.ref_table ?? "",
          refColumns: splitNames(c.ref_cols),
          onDelete: FK_ACTIONS[c.confdeltype] ?? c.confdeltype,
          onUpdate: FK_ACTIONS[c.confupdtype] ?? c.confupdtype,
          deferred: c.condeferred === 1,
        }))
        .sort((a, b) => byJoined(a.columns, b.columns)),
      indexes,
      checks: constraints
        .filter((c) => c.contype === "c")
        .map((c) => checkSignature(splitNames(c.cols), tokenize(c.def, "postgres")))
        .sort(),
      triggers,
    };
  }
  return shape;
}

/** "name: BEFORE UPDATE 'message'" from pg_trigger's bits (pg_trigger.h); null for a TRUNCATE trigger. */
function postgresTrigger(name: string, type: number, args: Buffer): string | null {
  const timing = type & 64 ? "INSTEAD OF" : type & 2 ? "BEFORE" : "AFTER";
  const events = [
    [4, "INSERT"],
    [8, "DELETE"],
    [16, "UPDATE"],
  ]
    .filter(([bit]) => type & (bit as number))
    .map(([, e]) => e);
  if (events.length === 0) return null;
  const messages = args
    .toString("utf8")
    .split("\0")
    .filter((a, i, all) => i < all.length - 1 || a !== "")
    .map((a) => literalText({ kind: "string", text: a }, false));
  return [`${name}: ${timing} ${events.join(" OR ")}`, ...messages].join(" ");
}
