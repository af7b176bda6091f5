import type BetterSqlite3 from "better-sqlite3";
import { startKeyedAuditChain } from "../audit/checkpoint";

// The audit chain becomes keyed (decision 061): rows from the next id on are hashed with
// HMAC-SHA256 under a key kept outside the database (AUDIT_KEY, else DATA_DIR/.audit-key written
// now with mode 0600). Rows already written keep their unkeyed hashes and are still checked. The
// one row of audit_chain says where keyed hashing begins and seals that boundary and the hash
// the unkeyed part ends at with the key, so neither can be moved or rewritten without it. Like
// audit_events, it refuses UPDATE and DELETE.
const SQL = `
CREATE TABLE audit_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  first_keyed_id INTEGER NOT NULL CHECK (first_keyed_id >= 1),
  legacy_head_hash TEXT NOT NULL CHECK (length(legacy_head_hash) = 64),
  key_check TEXT NOT NULL CHECK (length(key_check) = 64),
  seal TEXT NOT NULL CHECK (length(seal) = 64),
  created_at TEXT NOT NULL
);
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only'); END;
`;

export const migration005 = {
  id: "005_keyed_audit_chain",
  up(sqlite: BetterSqlite3.Database): void {
    sqlite.exec(SQL);
    startKeyedAuditChain(sqlite);
  },
};
