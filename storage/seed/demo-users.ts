import type { Role } from "../db/schema";

/** Shared demo password, documented in docs/decisions and README; change it on any real install. */
export const DEMO_PASSWORD = "CoDong@2026";

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  jobTitle: string;
  unitId: string;
  roles: Role[];
}

// Fictional people: the plan's real signatory is not used as a login.
export const DEMO_USERS: DemoUser[] = [
  {
    id: "user-soanthao",
    username: "soanthao",
    displayName: "Nguyễn Thị Hồng Nhung",
    jobTitle: "Viên chức Trung tâm Dịch vụ sự nghiệp công",
    unitId: "tt-dvsnc",
    roles: ["drafter"],
  },
  {
    id: "user-vanhoa",
    username: "vanhoa",
    displayName: "Trần Minh Đức",
    jobTitle: "Công chức Phòng Văn hóa - Xã hội",
    unitId: "phong-vhxh",
    roles: ["office"],
  },
  {
    id: "user-phochutich",
    username: "phochutich",
    displayName: "Lê Quang Vinh",
    jobTitle: "Phó Chủ tịch Ủy ban nhân dân xã",
    unitId: "ubnd-xa",
    roles: ["approver"],
  },
  {
    id: "user-inan",
    username: "inan",
    displayName: "Phạm Thị Lan",
    jobTitle: "Nhân viên đơn vị in ấn",
    unitId: "don-vi-in",
    roles: ["printer"],
  },
  {
    id: "user-quantri",
    username: "quantri",
    displayName: "Vũ Đức Anh",
    jobTitle: "Quản trị hệ thống",
    unitId: "vp-hdnd-ubnd",
    roles: ["admin"],
  },
];
