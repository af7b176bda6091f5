// The image intake shared by installation photos (decision 033) and the media library (decision
// 036): type by signature, limits before decoding, re-encoding without metadata, thumbnails.

export {
  type EncodedImage,
  type EncodeOptions,
  type EncodeTarget,
  HEIC_HOW_TO_VI,
  ImageIntakeError,
  type ImageRefusalCode,
  imageThumbnail,
  isImageIntakeError,
  type RasterHeader,
  type RasterLimits,
  type RasterType,
  readRasterHeader,
  reencodeRaster,
  sha256Hex,
} from "./intake";
export { looksLikeSvg, type SniffedImage, sniffImage } from "./sniff";
