/**
 * A PostgreSQL error: `code` is the SQLSTATE (23505 unique violation, 40001 serialisation
 * failure, 08006 connection failure, 53100 disk full…), as `pg` names it too.
 */
export class PgError extends Error {
  readonly name = "PgError";
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string,
    readonly constraint?: string,
  ) {
    super(message);
  }
}

/** A transaction PostgreSQL rolled back for a conflict (serialisation failure, deadlock): run it again. */
export function isRetryableTransaction(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === "40001" || code === "40P01";
}

/** A unique-constraint violation on either engine (SQLite's SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
