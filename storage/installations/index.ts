// Installation proof (nghiệm thu, issue 13 §3, decision 033): a line's copy hung at a place, with
// phone photos re-encoded and kept in the object store, and its removal. The names the rest of the
// house imports; files inside this folder import each other directly.

export { recordingRole, requireStaff } from "./access";
export { InstallationError, type InstallationErrorCode, isInstallationError } from "./errors";
export { installationPhotoKey, type PhotoKeyParts } from "./keys";
export {
  PHOTO_JPEG_QUALITY,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_EDGE_PX,
  PHOTO_MAX_PIXELS,
  PHOTO_THUMB_WIDTHS,
  PHOTOS_PER_INSTALLATION_MAX,
  PHOTOS_PER_UPLOAD_MAX,
} from "./limits";
export { findLine, type InstallationLine, lineRefusal } from "./line";
export {
  type InstallationCount,
  installationCounts,
  type InstallationPhotoView,
  installationsForAsset,
  installationsForLine,
  installationsForPlacement,
  type InstallationView,
  type LinePlacementStatus,
  photosForAsset,
} from "./listings";
export { type OpenedPhoto, openPhoto } from "./open";
export { type PreparedPhoto, photoThumbnail, preparePhoto } from "./photo";
export {
  addPhotos,
  type AddPhotosInput,
  INSTALLATION_NOTE_MAX_CHARS,
  type InstallationRecorded,
  recordInstalled,
  type RecordInstalledInput,
  recordRemoved,
  type RecordRemovedInput,
} from "./records";
export { sniffImage, type SniffedImage } from "../images";
export type { UploadedPhoto } from "./upload";
