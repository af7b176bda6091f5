import { FolderObjectStore, type FolderStoreConfig } from "./folder-store.server";
import { S3ObjectStore, type S3StoreConfig } from "./s3-store.server";
import type { ObjectStore } from "./types";

/**
 * Which store and how to reach it: S3 (MinIO in production, Versity Gateway in tests) or a folder,
 * so a laptop or a single-box install needs no object server at all. config/env.server.ts builds
 * it from MINIO_* / DATA_DIR / OBJECT_LINK_*.
 */
export type ObjectStoreConfig = ({ kind: "s3" } & S3StoreConfig) | ({ kind: "folder" } & FolderStoreConfig);

/** A new store for `config`. Throws ObjectStoreError CONFIG for a value the store cannot use. */
export function createObjectStore(config: ObjectStoreConfig): S3ObjectStore | FolderObjectStore {
  if (config.kind === "s3") {
    const { kind: _kind, ...s3 } = config;
    return new S3ObjectStore(s3);
  }
  const { kind: _kind, ...folder } = config;
  return new FolderObjectStore(folder);
}

let singleton: { config: ObjectStoreConfig; store: S3ObjectStore | FolderObjectStore } | undefined;

/**
 * The process-wide store, built from `config` on first use and kept for as long as callers pass
 * that same config object (the settings are parsed once, so in a server that is for good).
 * Throws ObjectStoreError CONFIG like createObjectStore.
 */
export function getObjectStore(config: ObjectStoreConfig): ObjectStore & (S3ObjectStore | FolderObjectStore) {
  if (singleton?.config !== config) singleton = { config, store: createObjectStore(config) };
  return singleton.store;
}

/** For tests that change the environment between cases. */
export function resetObjectStoreForTests(): void {
  singleton = undefined;
}
