// The commune's brand kit (bộ nhận diện): stored as a settings row, read by every new render,
// snapshotted into each version (decision 039).
export { BrandError, type BrandErrorCode, isBrandError } from "./errors";
export {
  type BrandKitCheck,
  type BrandProblem,
  type BrandWarning,
  brandKitStamp,
  checkBrandKit,
  checkLogoRow,
  contrastWarnings,
  getBrandKit,
  saveBrandKit,
} from "./kit";
export { brandOfKit, loadBrand, loadLogo, type StoreRef } from "./load";
export { BRAND_FIELD_LABELS, BRAND_LIMITS, type BrandKit, DEFAULT_BRAND_KIT, isHttpsUrl } from "./schema";
export {
  type BrandSnapshot,
  brandOfVersion,
  brandSnapshotOf,
  type MediaRef,
  type PhotoChoice,
  photoChoiceOf,
  versionOptions,
} from "./snapshot";
