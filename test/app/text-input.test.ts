import { describe, expect, it } from "vitest";
import { decodePreflight } from "../../app/components/LivePreview";
import { renderParamsSchema, toRenderInput } from "../../app/lib/render-input.server";
import { updateSlogan } from "../../app/lib/slogans.server";
import { action as itemAction } from "../../app/routes/items.$itemId";
import { createSlogan, listSlogans } from "../../storage/plan";
import { createSession } from "../../storage/users";
import { cleanText } from "../../templates/text/clean";
import { isWorkflowError } from "../../domain/workflow-error";
import { seededAppDbPerTest } from "../support/app-db";
import { USERS } from "../support/db";

// One text pipeline: the slogan form stores what the renderer would set and refuses what it would
// refuse, with the renderer's message; the render parameters reach the engine as typed.

const ITEM = "cchc-2026:1.12";

const t = seededAppDbPerTest();

async function postSlogan(fields: Record<string, string>) {
  const { token } = createSession(t.handle, USERS.drafter);
  const request = new Request(`http://localhost/items/${encodeURIComponent(ITEM)}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { cookie: `cd_session=${token}` },
  });
  const r = (await itemAction({ request, params: { itemId: ITEM }, context: {} })) as {
    type?: string;
    data?: unknown;
    init?: { status?: number };
  };
  const body = (r.type === "DataWithResponseInit" ? r.data : r) as {
    ok: string | null;
    error: string | null;
    warnings: string[];
  };
  return { status: r.type === "DataWithResponseInit" ? (r.init?.status ?? 200) : 200, body };
}

function userSlogans() {
  return listSlogans(t.handle, { contentItemId: ITEM }).filter((s) => s.origin === "user");
}

describe("the slogan form (items/:itemId)", () => {
  it("refuses “Cải\\u200Bcách” with the renderer's message naming U+200B and its position; stores nothing", async () => {
    const res = await postSlogan({ intent: "add", text: "Cải\u200Bcách hành chính" });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe(
      "Khẩu hiệu có ký tự không dùng được ở vị trí 4: U+200B (khoảng trắng độ rộng 0). Hãy xóa ký tự đó và gõ lại đoạn ấy.",
    );
    expect(userSlogans()).toEqual([]);
  });

  it("refuses “Cải\\u202Ecách” (right-to-left override)", async () => {
    const res = await postSlogan({ intent: "add", text: "Cải\u202Ecách hành chính" });
    expect(res.status).toBe(400);
    expect(res.body.error).toContain("U+202E (ký tự đảo hướng chữ)");
    expect(userSlogans()).toEqual([]);
  });

  it("stores the cleaned NFC text and shows the cleaner's warnings", async () => {
    const res = await postSlogan({ intent: "add", text: "  Tra   cuu ho so truc tuyen ".normalize("NFD") });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe("Đã thêm khẩu hiệu.");
    expect(res.body.warnings.join(" ")).toContain("không có dấu tiếng Việt");
    const nfd = await postSlogan({ intent: "add", text: "Cải  cách hành chính".normalize("NFD") });
    expect(nfd.body.warnings).toEqual([]);
    expect(userSlogans().map((s) => s.text)).toEqual([
      "Tra cuu ho so truc tuyen",
      "Cải cách hành chính".normalize("NFC"),
    ]);
  });

  it("editing a drafter's slogan runs the same cleaning", async () => {
    const s = createSlogan(t.handle, {
      contentItemId: ITEM,
      text: "Chủ động thực thi",
      userId: USERS.drafter,
    });
    let refused: unknown;
    try {
      updateSlogan(t.handle, { id: s.id, text: "Chủ động\u202E thực thi", userId: USERS.drafter });
    } catch (e) {
      refused = e;
    }
    expect(isWorkflowError(refused) && refused.details?.textCode).toBe("TEXT_INVALID_CHAR");
    const res = await postSlogan({ intent: "edit", id: s.id, text: "Chủ động\u200B thực thi" });
    expect(res.status).toBe(400);
    expect(res.body.error).toContain("U+200B");
    updateSlogan(t.handle, {
      id: s.id,
      text: " Chủ động  thực thi ".normalize("NFD"),
      userId: USERS.drafter,
    });
    expect(userSlogans()[0].text).toBe("Chủ động thực thi".normalize("NFC"));
  });
});

describe("render parameters", () => {
  it("reach the engine as typed: no trimming or normalising that could differ from cleanText", () => {
    const typed = "  Cải   cách\r\nhành chính  ".normalize("NFD");
    const p = renderParamsSchema.parse({
      template: "co-dong-truyen-thong",
      format: "fb-link-1200x630",
      text: typed,
      subtitle: "   ",
      issuer: " Ủy ban nhân dân xã Lạc Phượng ",
      bullets: "Ý một\r\n\r\n Ý hai \u2028Ý ba",
    });
    const input = toRenderInput(p);
    expect(input.text).toBe(typed);
    expect(input.subtitle).toBeUndefined();
    expect(input.options?.issuer).toBe(" Ủy ban nhân dân xã Lạc Phượng ");
    expect(input.options?.bullets).toEqual(["Ý một", " Ý hai ", "Ý ba"]);
    // The engine cleans it once, its own way (templates/text/clean.ts).
    expect(cleanText(input.text).text).toBe("Cải cách\nhành chính".normalize("NFC"));
  });
});

describe("the editor's X-Preflight header", () => {
  it("decodes what the preview endpoint encodes, Vietnamese intact, warnings kept apart from errors", () => {
    const report = {
      ok: false,
      errors: [
        { code: "GLYPH_MISSING", messageVi: "Khẩu hiệu: phông Oswald không có ký tự “★”.", details: {} },
      ],
      warnings: [{ code: "TEXT_NO_DIACRITICS", messageVi: "Khẩu hiệu không có dấu tiếng Việt nào." }],
    };
    // As app/routes/api.preview.tsx writes it.
    const header = Buffer.from(JSON.stringify(report)).toString("base64url");
    expect(decodePreflight(header)).toEqual({
      ok: false,
      errors: [{ code: "GLYPH_MISSING", messageVi: "Khẩu hiệu: phông Oswald không có ký tự “★”." }],
      warnings: [{ code: "TEXT_NO_DIACRITICS", messageVi: "Khẩu hiệu không có dấu tiếng Việt nào." }],
    });
    expect(decodePreflight("not*base64")).toBeNull();
    expect(decodePreflight(null)).toBeNull();
  });
});
