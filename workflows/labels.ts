import type { AssetEventType, AssetState } from "./asset-machine";
import { EVENT_LABELS_VI } from "./decisions";

export const STATE_LABELS_VI: Record<AssetState, string> = {
  draft: "Bản nháp",
  office_review: "Đang thẩm định",
  awaiting_approval: "Chờ phê duyệt",
  approved: "Đã phê duyệt, chờ phát hành",
  published: "Đã phát hành",
  returned: "Yêu cầu chỉnh sửa",
  withdrawn: "Đã rút lại",
  rejected: "Đã từ chối",
  revoked: "Đã thu hồi",
};

/** Print-shop confirmations are audited too, without changing the workflow state. */
export type AuditAction = AssetEventType | "CREATE" | "PRINTED" | "DELIVERED";

export const ACTION_LABELS_VI: Record<AuditAction, string> = {
  CREATE: "Tạo ấn phẩm",
  ...EVENT_LABELS_VI,
  PRINTED: "Đơn vị in xác nhận đã in",
  DELIVERED: "Đơn vị in xác nhận đã giao",
};
