import { describe, expect, it } from "vitest";
import { bindValues, encodeValue, toPgPlaceholders } from "../../storage/db/postgres/placeholders";
import { decodeValue } from "../../storage/db/postgres/values";

// The SQLite-written SQL the domain runs on PostgreSQL: placeholders translated once, values bound
// and read back in better-sqlite3's shapes (pure functions; the real server runs in test:pg).
describe("PostgreSQL placeholders", () => {
  it("numbers ? in order and leaves quoted text, identifiers, comments and casts alone", () => {
    const q = toPgPlaceholders(
      `SELECT "a?" FROM t WHERE b = ? AND c = 'it''s ? here' AND d::int = ? /* ? */ -- ?\nAND e = ?`,
    );
    expect(q.text).toBe(
      `SELECT "a?" FROM t WHERE b = $1 AND c = 'it''s ? here' AND d::int = $2 /* ? */ -- ?\nAND e = $3`,
    );
    expect(q.names).toBeNull();
  });

  it("gives a reused @name one number and binds from an object", () => {
    const q = toPgPlaceholders(
      "INSERT INTO t (a, b) VALUES (@first, @second) ON CONFLICT DO UPDATE SET a = @first",
    );
    expect(q.text).toBe("INSERT INTO t (a, b) VALUES ($1, $2) ON CONFLICT DO UPDATE SET a = $1");
    expect(bindValues(q, [{ first: "x", second: 2 }])).toEqual(["x", "2"]);
    expect(() => bindValues(q, [{ first: "x" }])).toThrow(/Missing named parameter "second"/);
  });

  it("types a parameter that is only tested for NULL, which PostgreSQL cannot infer", () => {
    expect(toPgPlaceholders("SELECT 1 WHERE (? IS NULL OR s = ?) AND (? is not null)").text).toBe(
      "SELECT 1 WHERE ($1::text IS NULL OR s = $2) AND ($3::text is not null)",
    );
  });

  it("passes Kysely's $n through and refuses mixing ? with names", () => {
    expect(toPgPlaceholders("select * from t where a = $1 and b = $2").text).toBe(
      "select * from t where a = $1 and b = $2",
    );
    expect(() => toPgPlaceholders("SELECT ? , @x")).toThrow(/cannot mix/);
  });

  it("binds values as libpq text: numbers, bytes as bytea hex, null; refuses objects", () => {
    expect(bindValues({ text: "", names: null }, [1, [2n, null], undefined])).toEqual(["1", "2", null, null]);
    expect(encodeValue(Buffer.from([0, 255]))).toBe("\\x00ff");
    expect(encodeValue(new Uint8Array([1, 2, 3]).subarray(1))).toBe("\\x0203");
    expect(() => encodeValue(new Date(0))).toThrow(/cannot bind a \[object Date\]/);
  });
});

describe("PostgreSQL values", () => {
  it("reads counts, integers and floats as numbers, booleans as 1/0, bytea as bytes, the rest as text", () => {
    expect(decodeValue("42", 20)).toBe(42);
    expect(decodeValue("7", 23)).toBe(7);
    expect(decodeValue("1.5", 701)).toBe(1.5);
    expect(decodeValue("t", 16)).toBe(1);
    expect(decodeValue("f", 16)).toBe(0);
    expect(decodeValue("\\x00ff", 17)).toEqual(Buffer.from([0, 255]));
    expect(decodeValue("2026-11-30T00:00:00.000Z", 25)).toBe("2026-11-30T00:00:00.000Z");
  });
});
