import { describe, expect, it } from "vitest";
import { PgError } from "../../storage/db/postgres/errors";
import { isBusyDatabase } from "../../jobs/worker";
import { isRetryable } from "../../jobs/publisher/failure";

// A job that failed because the database was busy or unreachable must not use up its attempts:
// SQLite says so with SQLITE_BUSY/LOCKED, PostgreSQL with a SQLSTATE (another node's conflicting
// transaction, a lock wait, a restart, a dropped connection).

const sqliteError = (code: string) => Object.assign(new Error(code), { code });

describe("isBusyDatabase", () => {
  it("accepts both engines' transient failures", () => {
    for (const err of [
      sqliteError("SQLITE_BUSY"),
      sqliteError("SQLITE_LOCKED"),
      new PgError("40001", "could not serialize access due to concurrent update"),
      new PgError("40P01", "deadlock detected"),
      new PgError("55P03", "canceling statement due to lock timeout"),
      new PgError("57P01", "terminating connection due to administrator command"),
      new PgError("08001", "cannot connect"),
      new PgError("08006", "server closed the connection unexpectedly"),
    ]) {
      expect(isBusyDatabase(err), err.message).toBe(true);
      expect(isRetryable(err), err.message).toBe(true);
    }
  });

  it("refuses faults that are the job's or the schema's", () => {
    for (const err of [
      sqliteError("SQLITE_CONSTRAINT_UNIQUE"),
      sqliteError("SQLITE_FULL"),
      new PgError("23505", "duplicate key value violates unique constraint"),
      new PgError("42P01", 'relation "x" does not exist'),
      new PgError("53100", "could not extend file: No space left on device"),
      new Error("boom"),
      null,
      "08006",
    ]) {
      expect(isBusyDatabase(err), String(err)).toBe(false);
    }
  });
});
