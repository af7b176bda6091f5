import { createHash } from "node:crypto";
import type { DbHandle } from "../../storage/db/connection";
import { isObjectStoreError } from "../../storage/objects/index.server";
import type { ObjectStore } from "../../storage/objects/types";

// After a restore the database and the object store come from two different backups (pg_dump or
// WAL on one side, MinIO versions or a mirror on the other). Each row that names an object also
// records the SHA-256 of its bytes, so the two can be checked against each other without trusting
// either store's own bookkeeping: every referenced object is read whole and hashed here.

/** The tables whose rows name an object in the store, with the SHA-256 of its bytes. */
export const OBJECT_TABLES = ["published_objects", "media", "installation_photos"] as const;
export type ObjectTable = (typeof OBJECT_TABLES)[number];

/**
 * What is wrong with one object: `missing` (the store has no such key), `mismatch` (its bytes hash
 * to something else than the row records, or differ from the store's own checksum), `unreadable`
 * (any other store error, e.g. UNAVAILABLE; `detail` names its code).
 */
export type ObjectProblem = "missing" | "mismatch" | "unreadable";

export interface ObjectFinding {
  table: ObjectTable;
  key: string;
  /** The SHA-256 (hex) the database records. */
  expected: string;
  problem: ObjectProblem;
  /** The SHA-256 (hex) of the bytes read, when they could be read. */
  actual?: string;
  /** The store's error code and message, for `missing` and `unreadable`. */
  detail?: string;
}

export interface ObjectCheckResult {
  /** Objects read and hashed, per table (a key named twice is read twice). */
  checked: Record<ObjectTable, number>;
  /** Every object that failed, in table then key order; empty when the store matches. */
  findings: ObjectFinding[];
}

/**
 * Reads every object that a row of OBJECT_TABLES names (withdrawn and retired ones too: they stay
 * under retention and a revoke can be audited against them) and compares its SHA-256 with the
 * row's. Objects are read one at a time, so memory stays at one file. Throws only for database
 * errors; every store failure becomes a finding.
 */
export async function checkStoredObjects(handle: DbHandle, store: ObjectStore): Promise<ObjectCheckResult> {
  const checked = { published_objects: 0, media: 0, installation_photos: 0 };
  const findings: ObjectFinding[] = [];
  for (const table of OBJECT_TABLES) {
    const rows = handle.conn
      .prepare(`SELECT object_key AS key, sha256 FROM ${table} ORDER BY object_key`)
      .all() as { key: string; sha256: string }[];
    for (const { key, sha256: expected } of rows) {
      checked[table]++;
      let bytes: Buffer;
      try {
        bytes = await store.get(key);
      } catch (err) {
        if (!isObjectStoreError(err)) throw err;
        const problem: ObjectProblem =
          err.code === "NOT_FOUND" ? "missing" : err.code === "CHECKSUM_MISMATCH" ? "mismatch" : "unreadable";
        findings.push({ table, key, expected, problem, detail: `${err.code}: ${err.message}` });
        continue;
      }
      const actual = createHash("sha256").update(bytes).digest("hex");
      if (actual !== expected) findings.push({ table, key, expected, problem: "mismatch", actual });
    }
  }
  return { checked, findings };
}

/** The number of objects a result read, over all tables. */
export function checkedCount(result: ObjectCheckResult): number {
  return OBJECT_TABLES.reduce((n, table) => n + result.checked[table], 0);
}
