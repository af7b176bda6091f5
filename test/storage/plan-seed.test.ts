import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { planCommand } from "../../scripts/cli/plan";
import { getPlanSummary } from "../../storage/plan";
import { parsePlanMarkdown } from "../../storage/seed/parse-plan";
import { CONTENT_ITEMS, PLAN, TASKS, UNITS } from "../../storage/seed/plan-data";
import { seedAll } from "../../storage/seed/seed";
import { verifyCredentials } from "../../storage/users";
import { createAsset } from "../../workflows/service";
import {
  dbEnv,
  dumpTables,
  fakeFiles,
  PLAN_MARKDOWN,
  SHARED_PLAN_MARKDOWN,
  seededDb,
  type TempDb,
  USERS,
} from "../support/db";
import { setEnv } from "../support/env";

const markdown = readFileSync(PLAN_MARKDOWN, "utf8");
const parsed = parsePlanMarkdown(markdown);

describe("plan data matches the source plan", () => {
  // The repository carries a copy of the plan; beside the shared folder, the copy must not drift.
  it.runIf(existsSync(SHARED_PLAN_MARKDOWN))("carries the shared folder's plan byte for byte", () => {
    expect(readFileSync(PLAN_MARKDOWN).equals(readFileSync(SHARED_PLAN_MARKDOWN))).toBe(true);
  });

  it("has the 15 content items 1.1–1.15 with the source text, verbatim", () => {
    expect(parsed.contentItems.map((c) => c.code)).toEqual(
      Array.from({ length: 15 }, (_, i) => `1.${i + 1}`),
    );
    expect(CONTENT_ITEMS.map((c) => ({ code: c.code, text: c.text }))).toEqual(parsed.contentItems);
    // The page breaks inside 1.3 and 1.9 are joined with a single space.
    expect(CONTENT_ITEMS[2].text).toContain("ban hành Kế hoạch thực hiện sắp xếp đơn vị hành chính");
    expect(CONTENT_ITEMS[8].text).toMatch(/xây dựng và phát triển chính quyền điện tử, chính quyền số\.$/);
    for (const c of CONTENT_ITEMS) expect(markdown.replace(/\s+/g, " ")).toContain(c.text);
  });

  it("has the theme, short titles and at least two banner-length slogans per item", () => {
    expect(PLAN.theme).toBe("Chủ động thực thi; phát huy động lực; tăng trưởng bứt phá");
    expect(parsed.theme).toBe(PLAN.theme);
    const slogans = new Set<string>();
    for (const c of CONTENT_ITEMS) {
      expect(c.title.length).toBeLessThanOrEqual(60);
      expect(c.slogans.length).toBeGreaterThanOrEqual(2);
      for (const s of c.slogans) {
        expect(s.length).toBeLessThanOrEqual(90);
        expect(s).toBe(s.normalize("NFC"));
        expect(slogans.has(s)).toBe(false);
        slogans.add(s);
      }
    }
  });

  it("has the four tasks of the closing table", () => {
    expect(
      TASKS.map((t) => ({
        number: t.number,
        text: t.text,
        lead: t.leadText,
        cooperating: t.cooperatingText,
        time: t.timeText,
        product: t.product,
      })),
    ).toEqual(parsed.tasks);
  });

  it("names the units of section V exactly as the plan writes them", () => {
    const names = UNITS.map((u) => u.name);
    for (const name of [
      "Phòng Văn hóa - Xã hội",
      "Văn phòng HĐND và UBND",
      "Phòng Kinh tế",
      "Trung tâm Dịch vụ sự nghiệp công",
      "Trung tâm phục vụ Hành chính công",
      "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
    ]) {
      expect(names).toContain(name);
      expect(markdown).toContain(name);
    }
    for (const t of TASKS) expect(UNITS.map((u) => u.id)).toContain(t.leadUnitId);
  });
});

describe("seeding", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await seededDb();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    setEnv({ DATABASE_PATH: undefined, DATABASE_URL: undefined });
    t.cleanup();
  });

  it("is idempotent: seeding again changes no row", async () => {
    const first = dumpTables(t.handle);
    await seedAll(t.handle);
    t.reopen();
    await seedAll(t.handle);
    expect(dumpTables(t.handle)).toEqual(first);
    expect(first.content_items).toHaveLength(15);
    expect(first.tasks).toHaveLength(4);
    expect(first.users).toHaveLength(5);
    expect(first.slogans.length).toBeGreaterThanOrEqual(31);
  });

  it("creates the five demo users with the shared password", async () => {
    for (const [username, role] of [
      ["soanthao", "drafter"],
      ["vanhoa", "office"],
      ["phochutich", "approver"],
      ["inan", "printer"],
      ["quantri", "admin"],
    ]) {
      const user = await verifyCredentials(t.handle, username, "CoDong@2026");
      expect(user?.roles).toEqual([role]);
      expect(user?.unitName).toBeTruthy();
    }
    expect(await verifyCredentials(t.handle, "soanthao", "codong@2026")).toBeNull();
  });

  it("plan --json prints meta, items with slogans and per-state asset counts, tasks and units", async () => {
    createAsset(t.handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: "cchc-2026:1.12",
      templateId: "tpl",
      formatId: "a3",
      text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
      files: fakeFiles("json"),
    });
    setEnv(dbEnv(t.file));
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    expect(await planCommand(["--json"])).toBe(0);
    const json = JSON.parse(out);
    expect(json).toEqual(JSON.parse(JSON.stringify(getPlanSummary(t.handle))));
    expect(json.plan).toMatchObject({ number: null, numberLabel: "chưa có số", theme: PLAN.theme });
    expect(json.contentItems).toHaveLength(15);
    const item = json.contentItems.find((c: { code: string }) => c.code === "1.12");
    expect(item.slogans.map((s: { text: string }) => s.text)).toContain(
      "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
    );
    expect(item.assetCounts).toMatchObject({ draft: 1, approved: 0, published: 0 });
    expect(json.tasks[0]).toMatchObject({
      lead: { name: "Phòng Văn hóa - Xã hội" },
      timeText: "Tháng 1/2026",
    });
    expect(json.tasks[1].cooperating.map((u: { name: string }) => u.name)).toEqual([
      "Các Phòng, Trung tâm thuộc UBND xã",
      "Các cơ quan, đơn vị liên quan",
    ]);
    expect(json.units.length).toBe(UNITS.length);
  });
});
