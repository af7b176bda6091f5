// The media library (thư viện ảnh, issue 14 §2, decision 036): photos and logos uploaded once,
// sniffed, sanitised and re-encoded, kept content-addressed in the object store with caption,
// credit, tags and a focal point. The names the rest of the house imports.

export {
  MEDIA_EDIT_ROLES,
  MEDIA_VIEW_ROLES,
  mayRetire,
  requireMediaEditor,
  requireMediaViewer,
} from "./access";
export { isMediaError, MediaError, type MediaErrorCode } from "./errors";
export { autoFocus, FALLBACK_FOCUS } from "./focus";
export { ingestMedia, type IngestInput, type IngestOutcome, type UploadedFile } from "./ingest";
export { type MediaExt, mediaKey } from "./keys";
export * from "./limits";
export {
  type MediaContentType,
  type MediaKind,
  type MediaSourceType,
  type PreparedMedia,
  prepareMedia,
} from "./prepare";
export { MEDIA_CACHE_MAX_BYTES, photoSourceOf, readMediaBytes } from "./read";
export {
  getMedia,
  listMedia,
  type MediaDb,
  type MediaFilter,
  type MediaItem,
  requireMedia,
  type SetFocusInput,
  type SetRetiredInput,
  setFocus,
  setRetired,
  type UpdateMediaInput,
  updateMedia,
} from "./records";
export { type CleanSvg, cleanSvg } from "./svg";
