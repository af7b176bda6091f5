// The approval minute (Phiếu duyệt ấn phẩm, issue 13 §4): the names the rest of the house imports
// from "storage/minute".

export { MinuteError, type MinuteErrorCode } from "./errors";
export {
  type ApprovalMinutePdf,
  approvalMinuteData,
  approvalMinutePdf,
  type MinuteOptions,
  type MinuteSigning,
} from "./minute-data";
