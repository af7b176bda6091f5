// What the media library (thư viện ảnh, decision 036) takes and keeps. The upload form shows the
// same numbers, so they live here and travel in the loader's data.

/** One upload's bytes: a 24 MP camera JPEG is 8–15 MB, a PNG export of one can reach 20 MB. */
export const MEDIA_MAX_BYTES = 25 * 1024 * 1024;
/**
 * Width × height by the header, before decoding: 50 MP takes any camera's default (24 MP, 45 MP
 * full frame) and refuses a 60 MP file, whose decode alone would hold 180 MB of pixels.
 */
export const MEDIA_MAX_PIXELS = 50_000_000;
/**
 * Long edge of a stored photo, pixels. These are print sources (an A0 poster wants 4 700 px at
 * 120 ppi), not phone proofs: only a panorama beyond this is shrunk.
 */
export const MEDIA_PHOTO_MAX_EDGE_PX = 8192;
/** JPEG quality of a stored photo (libjpeg-turbo, not mozjpeg: see EncodeTarget): visually lossless in print. */
export const MEDIA_JPEG_QUALITY = 88;
/** A PNG logo below this on its long side prints soft on a 3 m backdrop: refused. */
export const LOGO_MIN_EDGE_PX = 500;
/** An SVG logo's bytes: a clean logo is 5–200 kB; more is an embedded raster or editor debris. */
export const SVG_MAX_BYTES = 1024 * 1024;
/** Files one form post may carry (each re-encoded in turn, so this bounds a request's memory too). */
export const MEDIA_FILES_PER_UPLOAD_MAX = 8;
/** Long edge of the thumbnail the library, the picker and the focal-point page show, pixels. */
export const MEDIA_THUMB_EDGE_PX = 480;
/** Characters of a caption and a credit (the columns' CHECKs). */
export const MEDIA_CAPTION_MAX_CHARS = 500;
export const MEDIA_CREDIT_MAX_CHARS = 200;
/** Content items one photo may be tagged with (the plan has 15). */
export const MEDIA_TAGS_MAX = 30;
