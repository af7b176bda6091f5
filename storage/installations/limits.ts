// What one installation photo may be, and how it is kept (decision 033). The form shows the same
// numbers, so they live here and travel in the loader's data.

/** A phone photo is 2–8 MB; 15 MB leaves room for 50 MP sensors while bounding one upload. */
export const PHOTO_MAX_BYTES = 15 * 1024 * 1024;
/** Width × height read from the header before anything is decoded: 40 MP, above any phone's default. */
export const PHOTO_MAX_PIXELS = 40_000_000;
/** The long edge of the stored JPEG, in pixels: enough to read a banner's text in the photo. */
export const PHOTO_MAX_EDGE_PX = 2560;
/** mozjpeg quality of the stored JPEG. */
export const PHOTO_JPEG_QUALITY = 82;
/** Photos one form post may carry (each re-encoded in turn, so this bounds a request's memory too). */
export const PHOTOS_PER_UPLOAD_MAX = 8;
/** Photos one installation keeps. */
export const PHOTOS_PER_INSTALLATION_MAX = 20;
/** Widths the photo route makes thumbnails at; any other is refused so the cache stays small. */
export const PHOTO_THUMB_WIDTHS = [400] as const;
