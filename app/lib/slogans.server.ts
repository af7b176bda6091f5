import type { DbHandle } from "../../storage/db";
import { exec, first } from "../../storage/db/sync";
import { cleanSloganText } from "../../storage/plan";
import type { TextNotice } from "../../templates/text/clean";
import { WorkflowError } from "../../domain/workflow-error";

// Adapter: storage/plan.ts has createSlogan but no edit. Seeded slogans stay as the plan
// team wrote them; a drafter edits slogans drafters added. Assets keep their own text, so an
// edit never changes an asset already made from the slogan.

/**
 * The renderer's own cleaning (templates/text/clean.ts via storage/plan.ts): what it would refuse
 * is refused here with its Vietnamese message (WorkflowError INVALID_INPUT); the text kept is the
 * cleaned one.
 */
export function cleanSlogan(text: string): { text: string; notices: TextNotice[] } {
  return cleanSloganText(text);
}

/**
 * With `contentItemId` (a route's item, or null for the plan's general slogans), a slogan of any
 * other item is refused exactly like one that does not exist (NOT_FOUND): the page a drafter
 * edits from decides which slogans the form may touch, not an id typed into the request.
 */
export function updateSlogan(
  handle: DbHandle,
  input: { id: string; text: string; userId: string; contentItemId?: string | null },
): { notices: TextNotice[] } {
  const { text, notices } = cleanSlogan(input.text);
  const row = first(
    handle.conn,
    handle.db.selectFrom("slogans").select(["id", "origin", "content_item_id"]).where("id", "=", input.id),
  );
  if (!row || (input.contentItemId !== undefined && row.content_item_id !== input.contentItemId)) {
    throw new WorkflowError(
      "NOT_FOUND",
      "slogan not found in this content item",
      { sloganId: input.id },
      "Không tìm thấy khẩu hiệu này trong mục nội dung đang mở. Hãy tải lại trang.",
    );
  }
  if (row.origin !== "user") throw new WorkflowError("FORBIDDEN", "seeded slogans are read-only");
  exec(handle.conn, handle.db.updateTable("slogans").set({ text }).where("id", "=", input.id));
  return { notices };
}
