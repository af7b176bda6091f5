// Who works in Cổ động (DESIGN.md "Roles"). The ground floor: imports nothing.

export const ROLES = ["drafter", "office", "approver", "printer", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The publisher acts as this pseudo-role; no user can hold it (user_roles forbids it). */
export const SYSTEM_ROLE = "system" as const;
export type ActorRole = Role | typeof SYSTEM_ROLE;

export const ROLE_LABELS_VI: Record<ActorRole, string> = {
  drafter: "Cán bộ soạn thảo",
  office: "Phòng Văn hóa - Xã hội",
  approver: "Lãnh đạo phê duyệt",
  printer: "Đơn vị in ấn",
  admin: "Quản trị",
  system: "Hệ thống",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
