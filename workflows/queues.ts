import type { AssetState } from "../domain/states";
import type { Decision } from "../domain/decisions";
import type { Role } from "../domain/roles";

// What waits for whom: each role's queues of assets. The workflow decides what a role may do;
// this chooses what to show first. Read by the dashboard ("Việc chờ tôi") and the review page.

export interface WorkQueue {
  id: "returned" | "drafts" | "office_review" | "awaiting_approval" | "published";
  role: Role;
  states: readonly AssetState[];
  /** Only the assets the user created. */
  own: boolean;
  /** The decision that moves an asset on, offered for several at once on the review page. */
  bulk?: Decision;
  labelVi: string;
}

export type ReviewQueue = WorkQueue & { bulk: Decision };

export const WORK_QUEUES: readonly WorkQueue[] = [
  {
    id: "returned",
    role: "drafter",
    states: ["returned"],
    own: true,
    labelVi: "Ấn phẩm bị yêu cầu chỉnh sửa",
  },
  {
    id: "drafts",
    role: "drafter",
    states: ["draft", "withdrawn"],
    own: true,
    labelVi: "Bản nháp chưa gửi duyệt",
  },
  {
    id: "office_review",
    role: "office",
    states: ["office_review"],
    own: false,
    bulk: "FORWARD",
    labelVi: "Chờ Phòng Văn hóa - Xã hội thẩm định",
  },
  {
    id: "awaiting_approval",
    role: "approver",
    states: ["awaiting_approval"],
    own: false,
    bulk: "APPROVE",
    labelVi: "Chờ lãnh đạo phê duyệt",
  },
  {
    id: "published",
    role: "printer",
    states: ["published"],
    own: false,
    labelVi: "Ấn phẩm đã phát hành, sẵn sàng in",
  },
];

/** The queues of someone holding these roles, in the order above. */
export function queuesFor(roles: readonly Role[]): WorkQueue[] {
  return WORK_QUEUES.filter((q) => roles.includes(q.role));
}

/** The queues decided on the review page: one state each, with a decision to take for several at once. */
export function reviewQueuesFor(roles: readonly Role[]): ReviewQueue[] {
  return queuesFor(roles).filter((q): q is ReviewQueue => q.bulk !== undefined);
}
