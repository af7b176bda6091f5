import type { Role } from "../../domain/roles";

/** Shared demo password, documented in docs/decisions and README; change it on any real install. */
export const DEMO_PASSWORD = "CoDong@2026";

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  jobTitle: string;
  unitId: string;
  roles: Role[];
  /** On `lacphuong.example` (RFC 2606: reserved, never delivered anywhere real). */
  email: string;
}

// Fictional people: the plan's real signatory is not used as a login.
export const DEMO_USERS: DemoUser[] = [
  {
    id: "user-soanthao",
    username: "soanthao",
    email: "soanthao@lacphuong.example",
    displayName: "Nguyễn Thị Hồng Nhung",
    jobTitle: "Viên chức Trung tâm Dịch vụ sự nghiệp công",
    unitId: "tt-dvsnc",
    roles: ["drafter"],
  },
  {
    id: "user-vanhoa",
    username: "vanhoa",
    email: "vanhoa@lacphuong.example",
    displayName: "Trần Minh Đức",
    jobTitle: "Công chức Phòng Văn hóa - Xã hội",
    unitId: "phong-vhxh",
    roles: ["office"],
  },
  {
    id: "user-phochutich",
    username: "phochutich",
    email: "phochutich@lacphuong.example",
    displayName: "Lê Quang Vinh",
    jobTitle: "Phó Chủ tịch Ủy ban nhân dân xã",
    unitId: "ubnd-xa",
    roles: ["approver"],
  },
  {
    id: "user-inan",
    username: "inan",
    email: "inan@lacphuong.example",
    displayName: "Phạm Thị Lan",
    jobTitle: "Nhân viên đơn vị in ấn",
    unitId: "don-vi-in",
    roles: ["printer"],
  },
  {
    id: "user-quantri",
    username: "quantri",
    email: "quantri@lacphuong.example",
    displayName: "Vũ Đức Anh",
    jobTitle: "Quản trị hệ thống",
    unitId: "vp-hdnd-ubnd",
    roles: ["admin"],
  },
];
