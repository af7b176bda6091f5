import { describe, expect, it } from "vitest";
import { action as itemAction } from "../../app/routes/items.$itemId";
import { createSlogan, listSlogans } from "../../storage/plan";
import { createSession } from "../../storage/users";
import { seededAppDbPerTest } from "../support/app-db";
import { USERS } from "../support/db";

// Issue 11 A12: editing a slogan ignored the item in the URL, so a slogan id taken from another
// item's page was edited through this one.

const ITEM = "cchc-2026:1.12";
const OTHER = "cchc-2026:1.1";

const t = seededAppDbPerTest();

async function postEdit(itemId: string, id: string, text: string) {
  const { token } = createSession(t.handle, USERS.drafter);
  const request = new Request(`http://localhost/items/${encodeURIComponent(itemId)}`, {
    method: "POST",
    body: new URLSearchParams({ intent: "edit", id, text }),
    headers: { cookie: `cd_session=${token}` },
  });
  const r = (await itemAction({ request, params: { itemId }, context: {} })) as {
    type?: string;
    data?: unknown;
    init?: { status?: number };
  };
  const wrapped = r.type === "DataWithResponseInit";
  const body = (wrapped ? r.data : r) as { ok: string | null; error: string | null };
  return { status: wrapped ? (r.init?.status ?? 200) : 200, body };
}

const textOf = (id: string) => listSlogans(t.handle, {}).find((s) => s.id === id)?.text;

describe("slogan edit is bound to the item in the URL (items/:itemId)", () => {
  it("a slogan of another item is refused with 404 and left as it was", async () => {
    const theirs = createSlogan(t.handle, {
      contentItemId: OTHER,
      text: "Một cửa thân thiện",
      userId: USERS.drafter,
    });
    const res = await postEdit(ITEM, theirs.id, "Sửa lén qua mục khác");
    expect(res.status).toBe(404);
    expect(res.body.ok).toBeNull();
    expect(res.body.error).toBe(
      "Không tìm thấy khẩu hiệu này trong mục nội dung đang mở. Hãy tải lại trang.",
    );
    expect(textOf(theirs.id)).toBe("Một cửa thân thiện");
  });

  it("a plan-wide slogan (no item) is refused the same way", async () => {
    const general = createSlogan(t.handle, {
      contentItemId: null,
      text: "Cải cách để phục vụ",
      userId: USERS.drafter,
    });
    const res = await postEdit(ITEM, general.id, "Sửa lén");
    expect(res.status).toBe(404);
    expect(textOf(general.id)).toBe("Cải cách để phục vụ");
  });

  it("an unknown item answers 404; the slogan's own item edits it", async () => {
    const mine = createSlogan(t.handle, {
      contentItemId: ITEM,
      text: "Chủ động thực thi",
      userId: USERS.drafter,
    });
    expect((await postEdit("cchc-2026:9.99", mine.id, "Sửa")).status).toBe(404);
    expect(textOf(mine.id)).toBe("Chủ động thực thi");
    const ok = await postEdit(ITEM, mine.id, "Chủ động thực thi, nhanh gọn");
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe("Đã sửa khẩu hiệu.");
    expect(textOf(mine.id)).toBe("Chủ động thực thi, nhanh gọn");
  });
});
