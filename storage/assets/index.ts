// Assets, their versions and files, comments and the print log: the names the rest of the house
// imports from "storage/assets". Files inside this folder import each other directly, never this one.

export { versionAuthors } from "./authors";
export { nextAssetCode, normalizeVerifyCode, slugVerifyCode } from "./codes";
export { addComment, listComments } from "./comments";
export { getVersionFile, primaryFile, type RenderedFiles } from "./files";
export { refreshSearchKey } from "./search-key";
export { sha256Hex } from "./hash";
export { parseStoredPreflight, type StoredPreflight, toStoredPreflight } from "./preflight";
export { confirmPrint, listDownloads, listPrintConfirmations, logDownload } from "./print-log";
export { type AssetRecord, getAsset, getAssetByCode, listAssets } from "./records";
export {
  findVersionByVerifyCode,
  getVersion,
  insertVersion,
  listVersions,
  type VersionRecord,
} from "./versions";
