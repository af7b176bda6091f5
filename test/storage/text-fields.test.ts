import { SLOGAN_MAX_CHARS } from "../../domain/limits";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { confirmPrinted, isPrintAccessError } from "../../storage/print-access";
import { cleanSloganText, createSlogan, listSlogans } from "../../storage/plan";
import { createUser, getUser } from "../../storage/users";
import { isRenderError } from "../../templates/errors";
import { cleanText } from "../../templates/text/clean";
import { isWorkflowError } from "../../domain/workflow-error";
import { dumpTables, seededDb, type TempDb, USERS } from "../support/db";
import { refusal, rejection } from "../support/errors";

// Stored text takes the renderer's pipeline (templates/text/clean.ts): a slogan the form accepts is
// one the renderer sets, and what the renderer refuses the form refuses with the same message.

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

const ITEM = "cchc-2026:1.12";

describe("slogans (createSlogan)", () => {
  const refused: [label: string, text: string, code: string, mention: string][] = [
    ["a zero-width space (Cải\\u200Bcách)", "Cải\u200Bcách hành chính", "TEXT_INVALID_CHAR", "U+200B"],
    ["a right-to-left override (Cải\\u202Ecách)", "Cải\u202Ecách hành chính", "TEXT_INVALID_CHAR", "U+202E"],
    ["a control character (BEL)", "Cải cách\u0007 hành chính", "TEXT_INVALID_CHAR", "U+0007"],
    ["U+FFFD from a wrong encoding", "Phục vụ \uFFFD nhân dân", "TEXT_INVALID_CHAR", "U+FFFD"],
    ["whitespace only", " \t\r\n ", "TEXT_EMPTY", "Khẩu hiệu không được để trống."],
    [
      "one character over the limit",
      "ạ".repeat(SLOGAN_MAX_CHARS + 1),
      "TEXT_TOO_LONG",
      `tối đa ${SLOGAN_MAX_CHARS} ký tự`,
    ],
  ];

  for (const [label, text, code, mention] of refused) {
    it(`refuses ${label} as the renderer does (${code}), writing nothing`, async () => {
      const before = dumpTables(t.handle);
      const err = await rejection(
        () => createSlogan(t.handle, { contentItemId: ITEM, text, userId: USERS.drafter }),
        isWorkflowError,
      );
      const renderer = refusal(() => cleanText(text), isRenderError);
      expect(err.code).toBe("INVALID_INPUT");
      expect(err.details?.textCode).toBe(code);
      expect(renderer.code).toBe(code);
      // The form shows exactly the renderer's Vietnamese message.
      expect(err.messageVi).toBe(renderer.messageVi);
      expect(err.messageVi).toContain(mention);
      expect(dumpTables(t.handle)).toEqual(before);
    });
  }

  it("names the zero-width space and its position", () => {
    expect(() => cleanSloganText("Cải\u200Bcách")).toThrow(/vị trí 4: U\+200B \(khoảng trắng độ rộng 0\)/);
  });

  it("stores the cleaned text: NFC, one space, trimmed, line breaks kept as the renderer keeps them", () => {
    const typed = "  Cải   cách\u2003hành chính\r\nvì nhân dân  ".normalize("NFD");
    const s = createSlogan(t.handle, { contentItemId: ITEM, text: typed, userId: USERS.drafter });
    const expected = "Cải cách hành chính\nvì nhân dân".normalize("NFC");
    expect(s.text).toBe(expected);
    expect(s.text).toBe(cleanText(typed).text);
    const stored = listSlogans(t.handle, { contentItemId: ITEM }).find((x) => x.id === s.id);
    expect(stored?.text).toBe(expected);
    expect(s.notices).toEqual([]);
  });

  it("replaces look-alike letters and says so; text without marks is kept with a warning", () => {
    const cyrillic = createSlogan(t.handle, {
      contentItemId: ITEM,
      text: "Cải cách hành chính vì nhân dân phục vụ \u0430",
      userId: USERS.drafter,
    });
    expect(cyrillic.text.endsWith(" a")).toBe(true);
    expect(cyrillic.notices.map((n) => n.code)).toEqual(["TEXT_LOOKALIKE_REPLACED"]);
    const bare = createSlogan(t.handle, {
      contentItemId: ITEM,
      text: "Tra cuu ho so truc tuyen",
      userId: USERS.drafter,
    });
    expect(bare.notices.map((n) => n.code)).toEqual(["TEXT_NO_DIACRITICS"]);
  });
});

describe("display names (createUser)", () => {
  it("refuses a bidi override in the name; stores a clean one-line NFC name", async () => {
    const base = { username: "canbo2", password: "MatKhau@123", roles: ["drafter" as const] };
    const before = dumpTables(t.handle);
    const err = await rejection(
      () => createUser(t.handle, { ...base, displayName: "Nguyễn\u202E Văn An" }),
      isWorkflowError,
    );
    expect(err.code).toBe("INVALID_INPUT");
    expect(err.messageVi).toContain("Họ tên");
    expect(err.messageVi).toContain("U+202E");
    expect(dumpTables(t.handle)).toEqual(before);

    const u = await createUser(t.handle, {
      ...base,
      displayName: "  Trần   Minh\r\nĐức ".normalize("NFD"),
      jobTitle: "Chuyên viên\u2028Văn phòng",
    });
    expect(getUser(t.handle, u.id)?.displayName).toBe("Trần Minh Đức".normalize("NFC"));
    expect(getUser(t.handle, u.id)?.jobTitle).toBe("Chuyên viên Văn phòng".normalize("NFC"));
  });
});

describe("print-shop notes (confirmPrinted)", () => {
  it("a note with U+202E is refused with the cleaner's message before anything else is looked at", async () => {
    const err = await rejection(
      () =>
        confirmPrinted({
          db: t.handle,
          assetId: "any",
          userId: USERS.printer,
          status: "printed",
          note: "Đã in\u202E 12 bản",
        }),
      isPrintAccessError,
    );
    expect(err.code).toBe("INVALID_INPUT");
    expect(err.messageVi).toContain("Ghi chú");
    expect(err.messageVi).toContain("U+202E");
  });
});
