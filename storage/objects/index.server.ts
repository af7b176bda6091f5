export { contentDisposition } from "./content-disposition";
export {
  createObjectStore,
  getObjectStore,
  type ObjectStoreConfig,
  resetObjectStoreForTests,
} from "./config.server";
export { isObjectStoreError, ObjectStoreError, type ObjectStoreErrorCode } from "./errors";
export {
  type FolderLink,
  FolderObjectStore,
  type FolderStoreConfig,
  signFolderLink,
  verifyFolderLink,
} from "./folder-store.server";
export { assertKey, objectKey, type ObjectKeyParts, slugSegment } from "./keys";
export { decodeMetadataValue, encodeMetadataValue } from "./metadata";
export { S3ObjectStore, type S3StoreConfig } from "./s3-store.server";
export type * from "./types";
