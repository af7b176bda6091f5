/** The asset list's query on a real seeded SQLite file: filters, mark-blind search, paging, sorting, deadlines. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isWorkflowError } from "../../domain/workflow-error";
import { getAsset } from "../../storage/assets";
import { searchAssets } from "../../storage/assets/search";
import { migrate } from "../../storage/db/migrate";
import { applyAssetEvent, createAsset, createVersion } from "../../workflows/service";
import { backfillSearchKeys } from "../../storage/migrations/007_deadlines_and_search";
import { fakeFiles, seededDb, type TempDb, USERS } from "../support/db";
import { newDraft } from "../support/workflow";

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

type Ev = "SUBMIT" | "RETURN" | "WITHDRAW";
const decide = (x: { assetId: string; versionHash: string }, type: Ev, userId: string, at?: string) =>
  applyAssetEvent(t.handle, {
    assetId: x.assetId,
    versionHash: x.versionHash,
    event: {
      type,
      actor: { userId },
      ...(type === "RETURN" ? { reason: { code: "diacritics", text: "" } } : {}),
    },
    ...(at ? { now: new Date(at) } : {}),
  });

const draft = (text: string, extra: Partial<Parameters<typeof createAsset>[1]> = {}) =>
  createAsset(t.handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "hanh-chinh-hien-dai",
    formatId: "bang-ron-0.8x5",
    text,
    files: fakeFiles(text),
    ...extra,
  });

describe("searchAssets: text", () => {
  it("finds text with marks from a search without them, and the reverse is not needed", () => {
    const a = draft("Thủ tục hành chính – nhanh gọn, minh bạch");
    draft("Chuyển đổi số vì Nhân dân phục vụ");
    const codes = (text: string) => searchAssets(t.handle, { text }).items.map((i) => i.code);
    expect(codes("thu tuc hanh chinh")).toEqual([a.code]);
    expect(codes("THỦ TỤC")).toEqual([a.code]);
    expect(codes("minh bach thu tuc")).toEqual([a.code]); // every word, any order
    expect(codes("thu tuc doi so")).toEqual([]);
    expect(codes(a.code.toLowerCase())).toEqual([a.code]);
    expect(searchAssets(t.handle, { text: "so" }).total).toBe(1); // "số"
  });

  it("treats LIKE wildcards as characters", () => {
    draft("Giảm 50% thời gian chờ");
    draft("Giảm 5 ngày chờ đợi");
    expect(searchAssets(t.handle, { text: "50%" }).total).toBe(1);
    expect(searchAssets(t.handle, { text: "_" }).total).toBe(0);
  });

  it("follows a new version's text", () => {
    const a = draft("Một cửa hiện đại", { title: "Băng rôn trụ sở" });
    decide(a, "SUBMIT", USERS.drafter);
    decide(a, "RETURN", USERS.office);
    createVersion(t.handle, {
      assetId: a.assetId,
      actor: { userId: USERS.drafter },
      baseVersionHash: a.versionHash,
      text: "Dịch vụ công trực tuyến toàn trình",
      files: fakeFiles("v2"),
    });
    expect(searchAssets(t.handle, { text: "toan trinh" }).total).toBe(1);
    expect(searchAssets(t.handle, { text: "mot cua" }).total).toBe(0);
    expect(searchAssets(t.handle, { text: "bang ron tru so" }).total).toBe(1);
  });
});

describe("searchAssets: filters, pages, sorts", () => {
  it("filters by state, format, template, drafter and content item", () => {
    const a = draft("Khẩu hiệu một");
    const b = draft("Khẩu hiệu hai", { formatId: "a3-doc", templateId: "ap-phich-trang-trong" });
    decide(a, "SUBMIT", USERS.drafter);
    const ids = (s: Parameters<typeof searchAssets>[1]) =>
      searchAssets(t.handle, s)
        .items.map((i) => i.id)
        .sort();
    expect(ids({ states: ["office_review"] })).toEqual([a.assetId]);
    expect(ids({ formatId: "a3-doc" })).toEqual([b.assetId]);
    expect(ids({ templateId: "hanh-chinh-hien-dai" })).toEqual([a.assetId]);
    expect(ids({ createdBy: USERS.office })).toEqual([]);
    expect(ids({ contentItemId: "cchc-2026:1.12" })).toEqual([a.assetId, b.assetId].sort());
    expect(ids({ contentItemId: "cchc-2026:1.1" })).toEqual([]);
  });

  it("pages with a total, and sorts by code both ways", () => {
    for (let i = 0; i < 23; i++) draft(`Khẩu hiệu số ${i + 1}`);
    const p1 = searchAssets(t.handle, { sort: "code", pageSize: 20 });
    const p2 = searchAssets(t.handle, { sort: "code", pageSize: 20, page: 2 });
    expect(p1.total).toBe(23);
    expect(p1.items).toHaveLength(20);
    expect(p2.items).toHaveLength(3);
    const all = [...p1.items, ...p2.items].map((i) => i.code);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(23);
    const rev = searchAssets(t.handle, { sort: "code", reverse: true, pageSize: 100 }).items.map(
      (i) => i.code,
    );
    expect(rev).toEqual([...all].reverse());
  });

  it("knows when each asset entered its state, and sorts the longest-waiting first", () => {
    const a = newDraft(t.handle, USERS.drafter, fakeFiles("a"));
    const b = newDraft(t.handle, USERS.drafter, fakeFiles("b"));
    decide(b, "SUBMIT", USERS.drafter, "2026-12-01T02:00:00Z");
    decide(a, "SUBMIT", USERS.drafter, "2026-12-03T02:00:00Z");
    const page = searchAssets(t.handle, { sort: "waiting" });
    expect(page.items.map((i) => i.id)).toEqual([b.assetId, a.assetId]);
    expect(page.items[0].stateSince).toBe("2026-12-01T02:00:00.000Z");
    expect(page.items[0].drafterName.length).toBeGreaterThan(0);
  });
});

describe("deadlines", () => {
  it("defaults the due date from the plan task, keeps an explicit one, and refuses a date that does not exist", () => {
    const byTask = draft("Theo nhiệm vụ", { taskId: "cchc-2026:task-2" });
    expect(
      t.handle.conn.prepare("SELECT due_on, task_id FROM assets WHERE id = ?").get(byTask.assetId),
    ).toEqual({
      due_on: "2026-12-31",
      task_id: "cchc-2026:task-2",
    });
    const own = draft("Hạn riêng", { taskId: "cchc-2026:task-2", dueOn: "2026-12-15" });
    expect(searchAssets(t.handle, { text: "han rieng" }).items[0].dueOn).toBe("2026-12-15");
    const none = draft("Không hạn", { taskId: "cchc-2026:task-2", dueOn: null });
    expect(searchAssets(t.handle, { text: "khong han" }).items[0].dueOn).toBeNull();
    expect(getAsset(t.handle, none.assetId)).not.toBeNull();
    for (const bad of ["2026-02-30", "30/12/2026", "2026-1-5"]) {
      try {
        draft(`Sai ${bad}`, { dueOn: bad });
        expect.unreachable(bad);
      } catch (e) {
        expect(isWorkflowError(e) && e.code).toBe("INVALID_INPUT");
      }
    }
    expect(() => draft("Nhiệm vụ lạ", { taskId: "other-plan:task-1" })).toThrow(/task not in this plan/);
    expect(own.code).toMatch(/^CCHC-2026-1\.12-/);
  });

  it("lists overdue items: past the date in Vietnam and not finished", () => {
    const late = draft("Trễ hạn", { dueOn: "2026-12-01" });
    draft("Còn hạn", { dueOn: "2026-12-20" });
    draft("Không hạn");
    expect(searchAssets(t.handle, { overdueOn: "2026-12-02" }).items.map((i) => i.id)).toEqual([
      late.assetId,
    ]);
    expect(searchAssets(t.handle, { overdueOn: "2026-12-01" }).total).toBe(0);
    decide(late, "SUBMIT", USERS.drafter);
    decide(late, "WITHDRAW", USERS.drafter);
    expect(searchAssets(t.handle, { overdueOn: "2026-12-02" }).total).toBe(0);
  });
});

describe("migration 007", () => {
  it("fills the search key of assets written before it", () => {
    const a = draft("Nhanh chóng, thuận tiện");
    t.handle.conn.prepare("UPDATE assets SET search_key = ''").run();
    expect(searchAssets(t.handle, { text: "thuan tien" }).total).toBe(0);
    backfillSearchKeys(t.handle.conn);
    expect(searchAssets(t.handle, { text: "thuan tien" }).items.map((i) => i.id)).toEqual([a.assetId]);
    expect(migrate(t.handle)).toEqual([]);
  });
});
