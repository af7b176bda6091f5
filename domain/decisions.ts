import type { ActorRole } from "./roles";
import type { AssetState } from "./states";

// What can happen to an asset, who may take which decision, which decisions need a reason, and
// what each is called: one table, read by the machine's guards, the service (the role recorded in
// the audit), the app's coarse gate and the forms. Pure data: the browser imports it too.

export const ASSET_EVENT_TYPES = [
  "SUBMIT",
  "FORWARD",
  "RETURN",
  "APPROVE",
  "REJECT",
  "WITHDRAW",
  "EDIT",
  "REVOKE",
  "PUBLISHED",
] as const;
export type AssetEventType = (typeof ASSET_EVENT_TYPES)[number];

interface EventRule {
  /** The role the event is taken in. */
  role: ActorRole;
  /** States where another role takes it instead (a return from the leadership is the approver's). */
  roleIn?: Partial<Record<AssetState, ActorRole>>;
  /** A reason (code, and text for "other") must come with it. */
  needsReason: boolean;
  labelVi: string;
}

export const EVENT_RULES: Record<AssetEventType, EventRule> = {
  SUBMIT: { role: "drafter", needsReason: false, labelVi: "Gửi duyệt" },
  WITHDRAW: { role: "drafter", needsReason: false, labelVi: "Rút lại" },
  EDIT: { role: "drafter", needsReason: false, labelVi: "Tạo phiên bản mới" },
  FORWARD: { role: "office", needsReason: false, labelVi: "Chuyển lãnh đạo phê duyệt" },
  RETURN: {
    role: "office",
    roleIn: { awaiting_approval: "approver" },
    needsReason: true,
    labelVi: "Yêu cầu chỉnh sửa",
  },
  APPROVE: { role: "approver", needsReason: false, labelVi: "Phê duyệt" },
  REJECT: { role: "approver", needsReason: true, labelVi: "Từ chối" },
  REVOKE: { role: "approver", needsReason: true, labelVi: "Thu hồi" },
  PUBLISHED: { role: "system", needsReason: false, labelVi: "Đã phát hành" },
};

/** The decisions a signed-in user takes from a form (EDIT is a new version; PUBLISHED is the publisher's). */
export const DECISIONS = ["SUBMIT", "WITHDRAW", "FORWARD", "RETURN", "APPROVE", "REJECT", "REVOKE"] as const;
export type Decision = (typeof DECISIONS)[number];

/** The role an event is taken in, from this state; the audit records it. */
export function actingRole(type: AssetEventType, state: AssetState): ActorRole {
  const rule = EVENT_RULES[type];
  return rule.roleIn?.[state] ?? rule.role;
}

/** Every role that takes this event in some state. */
export function rolesFor(type: AssetEventType): ActorRole[] {
  const rule = EVENT_RULES[type];
  return [...new Set([rule.role, ...Object.values(rule.roleIn ?? {})])];
}

/** Whether someone holding these roles takes this event in some state: the coarse gate before the workflow. */
export function mayEverTake(roles: readonly ActorRole[], type: AssetEventType): boolean {
  return rolesFor(type).some((r) => roles.includes(r));
}

/** Whether someone holding these roles takes this event from this state (the workflow still checks the rest). */
export function mayTakeIn(roles: readonly ActorRole[], type: AssetEventType, state: AssetState): boolean {
  return roles.includes(actingRole(type, state));
}

/** Whether this event (any string: form input) must carry a reason; unknown types need none. */
export function needsReason(type: string): boolean {
  return EVENT_RULES[type as AssetEventType]?.needsReason ?? false;
}

export const REASON_REQUIRED_EVENTS = (Object.keys(EVENT_RULES) as AssetEventType[]).filter(needsReason);

export const EVENT_LABELS_VI = Object.fromEntries(
  Object.entries(EVENT_RULES).map(([type, rule]) => [type, rule.labelVi]),
) as Record<AssetEventType, string>;

export const DECISION_LABELS_VI: Record<Decision, string> = EVENT_LABELS_VI;

/**
 * What the audit records: every event, plus creation, the print order, the print shop's
 * confirmations and the installation record (a banner hung or taken down) — none of these changes
 * the asset's state.
 */
export type AuditAction =
  | AssetEventType
  | "CREATE"
  | "ORDERED"
  | "PRINTED"
  | "DELIVERED"
  | "INSTALLED"
  | "REMOVED";

export const ACTION_LABELS_VI: Record<AuditAction, string> = {
  CREATE: "Tạo ấn phẩm",
  ...EVENT_LABELS_VI,
  ORDERED: "Đặt in",
  PRINTED: "Đơn vị in xác nhận đã in",
  DELIVERED: "Đơn vị in xác nhận đã giao",
  INSTALLED: "Đã treo/đặt tại vị trí",
  REMOVED: "Đã tháo khỏi vị trí",
};
