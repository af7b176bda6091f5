import { join } from "node:path";
import { ObjectStoreError } from "./errors";
import { FolderObjectStore, type FolderStoreConfig } from "./folder-store.server";
import { S3ObjectStore, type S3StoreConfig } from "./s3-store.server";
import type { ObjectStore } from "./types";

export type ObjectStoreConfig = ({ kind: "s3" } & S3StoreConfig) | ({ kind: "folder" } & FolderStoreConfig);

type Env = Record<string, string | undefined>;

function parseBool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ObjectStoreError("CONFIG", `${name} must be true or false, got ${JSON.stringify(value)}`);
}

function parseIntVar(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new ObjectStoreError("CONFIG", `${name} must be a positive integer`);
  return n;
}

/**
 * MINIO_ENDPOINT set → S3 (MinIO in production, Versity Gateway in tests); unset → a folder
 * under DATA_DIR so a laptop or a single-box install needs no object server at all.
 */
export function readObjectStoreConfig(env: Env = process.env): ObjectStoreConfig {
  const endPoint = env.MINIO_ENDPOINT?.trim();
  if (!endPoint) {
    return {
      kind: "folder",
      root: join(env.DATA_DIR || "./data", "objects"),
      linkSecret: env.OBJECT_LINK_SECRET || undefined,
      linkBaseUrl: env.OBJECT_LINK_BASE_URL || undefined,
    };
  }
  if (/^[a-z]+:\/\//i.test(endPoint) || endPoint.includes("/")) {
    throw new ObjectStoreError(
      "CONFIG",
      "MINIO_ENDPOINT is a host name only (use MINIO_PORT / MINIO_USE_SSL)",
    );
  }
  const accessKey = env.MINIO_ACCESS_KEY;
  const secretKey = env.MINIO_SECRET_KEY;
  if (!accessKey || !secretKey) {
    throw new ObjectStoreError(
      "CONFIG",
      "MINIO_ACCESS_KEY and MINIO_SECRET_KEY are required with MINIO_ENDPOINT",
    );
  }
  return {
    kind: "s3",
    endPoint,
    port: parseIntVar("MINIO_PORT", env.MINIO_PORT),
    useSSL: parseBool("MINIO_USE_SSL", env.MINIO_USE_SSL, false),
    accessKey,
    secretKey,
    bucket: env.MINIO_BUCKET || "co-dong",
    region: env.MINIO_REGION || "us-east-1",
    publicUrl: env.MINIO_PUBLIC_URL || undefined,
    connectTimeoutMs: parseIntVar("MINIO_CONNECT_TIMEOUT_MS", env.MINIO_CONNECT_TIMEOUT_MS),
    idleTimeoutMs: parseIntVar("MINIO_IDLE_TIMEOUT_MS", env.MINIO_IDLE_TIMEOUT_MS),
  };
}

export function createObjectStore(config: ObjectStoreConfig): S3ObjectStore | FolderObjectStore {
  if (config.kind === "s3") {
    const { kind: _kind, ...s3 } = config;
    return new S3ObjectStore(s3);
  }
  const { kind: _kind, ...folder } = config;
  return new FolderObjectStore(folder);
}

export function createObjectStoreFromEnv(env: Env = process.env): S3ObjectStore | FolderObjectStore {
  return createObjectStore(readObjectStoreConfig(env));
}

let singleton: S3ObjectStore | FolderObjectStore | undefined;

/** The process-wide store, built from process.env on first use. */
export function getObjectStore(): ObjectStore & (S3ObjectStore | FolderObjectStore) {
  singleton ??= createObjectStoreFromEnv();
  return singleton;
}

/** For tests that change the environment between cases. */
export function resetObjectStoreForTests(): void {
  singleton = undefined;
}
