import { listAssets } from "../../storage/assets";
import type { DbHandle } from "../../storage/db";
import type { User } from "../../storage/users";
import { queuesFor, type WorkQueue } from "../../workflows/queues";

const QUEUE_HREF: Record<WorkQueue["id"], string> = {
  returned: "/?mine=returned#my-assets",
  drafts: "/?mine=draft#my-assets",
  office_review: "/review",
  awaiting_approval: "/review",
  published: "/print",
};

/** How many assets wait in each of this user's queues (workflows/queues.ts), with where to act on them. */
export function pendingFor(handle: DbHandle, user: User) {
  return queuesFor(user.roles).map((q) => ({
    label: q.labelVi,
    count: listAssets(handle, { states: [...q.states], ...(q.own ? { createdBy: user.id } : {}) }).length,
    href: QUEUE_HREF[q.id],
  }));
}
