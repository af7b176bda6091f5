// The plan report (báo cáo kết quả thực hiện, issue 13 §5): targets per content item, "đã đăng"
// records of social posts, and the report itself as plain data for the screen and the exports.

export { isReportError, REPORT_ERROR_CODES, ReportError, type ReportErrorCode } from "./errors";
export { productKindOf } from "./kinds";
export { checkPeriod, type ReportPeriod } from "./period";
export { loadInstallationPhotos, REPORT_PHOTO_PX } from "./photos";
export { type PlanReportInput, planReport, REPORTING_UNIT_ID } from "./plan-report";
export {
  cleanPostUrl,
  MAX_POST_URL_CHARS,
  type RecordSocialPostInput,
  recordSocialPost,
  removeSocialPost,
  type SocialPostView,
  type SocialPostsPanel,
  socialPostsFor,
} from "./social-posts";
export { getTargets, MAX_TARGET, setTargets, type TargetInput, targetsByItem, ZERO_TARGETS } from "./targets";
