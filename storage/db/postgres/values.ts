// Result values in the shapes better-sqlite3 gives, so the domain reads both engines the same:
// integers and counts as numbers (PostgreSQL's count() is bigint, which `pg` would give as text),
// booleans as 1/0 (SQLite has none), bytea as a Buffer, everything else as text. Type OIDs from
// PostgreSQL's pg_type.dat.

const BOOL = 16;
const BYTEA = 17;
const NUMERIC_OIDS = new Set([20, 21, 23, 26, 700, 701, 1700]);

/** One column value from libpq's text form, by the column's type OID; null stays null. */
export function decodeValue(text: string, oid: number): unknown {
  if (NUMERIC_OIDS.has(oid)) return Number(text);
  if (oid === BOOL) return text === "t" ? 1 : 0;
  if (oid === BYTEA) return Buffer.from(text.slice(2), "hex");
  return text;
}
