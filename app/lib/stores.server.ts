import { settings } from "../../config/env.server";
import { type DbHandle, getDb } from "../../storage/db";
import {
  type FolderObjectStore,
  getObjectStore,
  type S3ObjectStore,
} from "../../storage/objects/index.server";
import type { ObjectStore } from "../../storage/objects/types";

// The web process's two stores, where the settings say. Separate from db.server.ts, which also
// starts the publisher, so that the publisher can be handed these getters without an import cycle.

/**
 * The process-wide database (DATABASE_PATH / DATA_DIR), opened and migrated on first use. Throws
 * ConfigError (CONFIG_INVALID) for bad settings and what openDatabase throws (SqliteError
 * SQLITE_CANTOPEN…, AuditChainError AUDIT_KEY_*).
 */
export function appDb(): DbHandle {
  return getDb(settings().database);
}

/**
 * The process-wide object store (MINIO_*, else DATA_DIR/objects with OBJECT_LINK_*), built on first
 * use. Throws ConfigError (CONFIG_INVALID) for bad settings, ObjectStoreError CONFIG for a value
 * the store refuses.
 */
export function appObjectStore(): ObjectStore & (S3ObjectStore | FolderObjectStore) {
  return getObjectStore(settings().objectStore);
}
