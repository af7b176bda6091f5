import { listAssets } from "../../storage/assets";
import type { DbHandle } from "../../storage/db";
import { getFormat } from "../../templates/formats";
import type { User } from "../../storage/users";

// Which assets are waiting for this user's decision, by role. The workflow decides what a role
// may do; this only chooses what to show first.
export function pendingFor(handle: DbHandle, user: User) {
  const out: { label: string; count: number; href: string }[] = [];
  if (user.roles.includes("drafter")) {
    const mine = listAssets(handle, { createdBy: user.id, states: ["returned", "draft", "withdrawn"] });
    const returned = mine.filter((a) => a.state === "returned").length;
    const drafts = mine.length - returned;
    out.push({ label: "Ấn phẩm bị yêu cầu chỉnh sửa", count: returned, href: "/?mine=returned#my-assets" });
    out.push({ label: "Bản nháp chưa gửi duyệt", count: drafts, href: "/?mine=draft#my-assets" });
  }
  if (user.roles.includes("office")) {
    out.push({
      label: "Chờ Phòng Văn hóa - Xã hội thẩm định",
      count: listAssets(handle, { states: ["office_review"] }).length,
      href: "/review",
    });
  }
  if (user.roles.includes("approver")) {
    out.push({
      label: "Chờ lãnh đạo phê duyệt",
      count: listAssets(handle, { states: ["awaiting_approval"] }).length,
      href: "/review",
    });
  }
  if (user.roles.includes("printer")) {
    out.push({
      label: "Ấn phẩm đã phát hành, sẵn sàng in",
      count: listAssets(handle, { states: ["published"] }).length,
      href: "/print",
    });
  }
  return out;
}

export function formatKindOf(formatId: string): "banner" | "poster" | "screen" | null {
  try {
    return getFormat(formatId).kind;
  } catch {
    return null;
  }
}

/** Task 2 of the plan's table is the online channel (portal, social media): its visual products are screen formats. */
export const TASK_FORMAT_KINDS: Record<number, ("banner" | "poster" | "screen")[]> = { 2: ["screen"] };
