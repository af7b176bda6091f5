// The states an asset passes through (DESIGN.md "Workflow"), named once for the machine, the
// database columns, the audit and every page.

export const ASSET_STATES = [
  "draft",
  "office_review",
  "awaiting_approval",
  "approved",
  "published",
  "returned",
  "withdrawn",
  "rejected",
  "revoked",
] as const;
export type AssetState = (typeof ASSET_STATES)[number];

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

export function isAssetState(value: unknown): value is AssetState {
  return typeof value === "string" && (ASSET_STATES as readonly string[]).includes(value);
}
