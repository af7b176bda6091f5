/** The plan report's numbers (issue 13 §5) over a small scenario in a real database (SQLite or PostgreSQL), whole year and by period. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planReport, ReportError, setTargets } from "../../storage/report";
import type { PlanReport, ReportCounts } from "../../templates/documents/report-data";
import { seededDb, type TempDb, USERS } from "../support/db";
import { buildReportScenario, REPORT_NOW, type ReportScenario } from "../support/report-scenario";

let t: TempDb;
let s: ReportScenario;
beforeEach(async () => {
  t = await seededDb();
  s = buildReportScenario(t.handle);
});
afterEach(() => t.cleanup());

const report = (from?: string, to?: string) =>
  planReport(t.handle, { planId: "cchc-2026", from, to, now: REPORT_NOW });

const row = (r: PlanReport, code: string) => r.perItem.find((x) => x.code === code)!;

/** The counts of a row without its labels, for one exact comparison. */
function counts(c: ReportCounts): ReportCounts {
  const { made, approved, published, byKind, printedQty, deliveredQty, installed, photos, posted, overdue } =
    c;
  return { made, approved, published, byKind, printedQty, deliveredQty, installed, photos, posted, overdue };
}

const k = (made: number, approved: number, published: number) => ({ made, approved, published });
const ZERO = {
  ...k(0, 0, 0),
  byKind: { banner: k(0, 0, 0), poster: k(0, 0, 0), social: k(0, 0, 0) },
  printedQty: 0,
  deliveredQty: 0,
  installed: 0,
  photos: 0,
  posted: 0,
  overdue: 0,
};

describe("planReport over the whole plan", () => {
  it("counts every number of item 1.12, 1.3 and the row of designs without an item", () => {
    const r = report();
    // banner + social; the rejected poster counts nowhere; the cancelled order's 7 copies neither.
    expect(counts(row(r, "1.12"))).toEqual({
      ...k(2, 2, 2),
      byKind: { banner: k(1, 1, 1), poster: k(0, 0, 0), social: k(1, 1, 1) },
      printedQty: 5,
      deliveredQty: 5,
      installed: 2,
      photos: 3,
      posted: 3,
      overdue: 0,
    });
    expect(row(r, "1.12").targets).toEqual({ banners: 3, posters: 2, socialPosts: 4 });
    // The overdue poster; the revoked banner only for its 2 printed copies.
    expect(counts(row(r, "1.3"))).toEqual({
      ...ZERO,
      ...k(1, 0, 0),
      byKind: { banner: k(0, 0, 0), poster: k(1, 0, 0), social: k(0, 0, 0) },
      printedQty: 2,
      overdue: 1,
    });
    expect(row(r, "1.3").targets).toEqual({ banners: 1, posters: 0, socialPosts: 0 });
    expect(counts(row(r, "—"))).toEqual({
      ...ZERO,
      ...k(1, 0, 0),
      byKind: { banner: k(0, 0, 0), poster: k(0, 0, 0), social: k(1, 0, 0) },
    });
    expect(row(r, "—").contentItemId).toBeNull();
    // 15 content items in plan order, then the row without an item; the others are all zero.
    expect(r.perItem.map((x) => x.code)).toEqual([
      ...Array.from({ length: 15 }, (_, i) => `1.${i + 1}`),
      "—",
    ]);
    for (const x of r.perItem.filter((x) => !["1.12", "1.3", "—"].includes(x.code))) {
      expect(counts(x)).toEqual(ZERO);
      expect(x.targets).toEqual({ banners: 0, posters: 0, socialPosts: 0 });
    }
  });

  it("totals are the sums of the item rows, targets included", () => {
    const r = report();
    expect(counts(r.itemTotals)).toEqual({
      ...k(4, 2, 2),
      byKind: { banner: k(1, 1, 1), poster: k(1, 0, 0), social: k(2, 1, 1) },
      printedQty: 7,
      deliveredQty: 5,
      installed: 2,
      photos: 3,
      posted: 3,
      overdue: 1,
    });
    expect(r.itemTotals.targets).toEqual({ banners: 4, posters: 2, socialPosts: 4 });
  });

  it("per task counts the designs tied to the task, with the closing table's words", () => {
    const r = report();
    expect(r.perTask.map((x) => x.number)).toEqual([1, 2, 3, 4]);
    const t2 = r.perTask[1];
    expect(t2).toMatchObject({
      leadText: "Trung tâm Dịch vụ sự nghiệp công",
      timeText: "Năm 2026",
      dueDate: "2026-12-31",
    });
    expect(t2.product).toContain("Chuyên mục, phóng sự");
    expect(counts(t2)).toEqual({
      ...k(3, 2, 2),
      byKind: { banner: k(1, 1, 1), poster: k(1, 0, 0), social: k(1, 1, 1) },
      printedQty: 5,
      deliveredQty: 5,
      installed: 2,
      photos: 3,
      posted: 3,
      overdue: 1,
    });
    for (const n of [0, 2, 3]) expect(counts(r.perTask[n])).toEqual(ZERO);
  });

  it("lists posts, installations and overdue designs with their words", () => {
    const r = report();
    expect(r.socialPosts).toEqual([
      {
        assetCode: s.codes.social,
        assetTitle: "Ấn phẩm mang-xa-hoi",
        contentItemCode: "1.12",
        channelLabel: "Fanpage",
        url: "https://www.facebook.com/laphuong/posts/1",
        postedOn: "2026-03-06",
      },
      expect.objectContaining({ channelLabel: "Cổng TTĐT", postedOn: "2026-03-12" }),
      expect.objectContaining({ channelLabel: "Zalo OA", postedOn: "2026-04-02" }),
    ]);
    expect(r.installations).toEqual([
      {
        assetCode: s.codes.banner,
        assetTitle: "Ấn phẩm bang-ron",
        contentItemCode: "1.12",
        placeName: "Nhà văn hóa thôn mẫu",
        placeKindLabel: "Nhà văn hóa thôn",
        address: "Đường trục xã (dữ liệu mẫu)",
        installedOn: "2026-02-26",
        removedOn: "2026-03-15",
        photos: 1,
        // The first photo taken there is the one the report shows.
        photoId: expect.stringMatching(/-photo-0$/),
      },
      expect.objectContaining({
        placeName: "Trục đường mẫu số 1",
        placeKindLabel: "Trục đường chính",
        photos: 2,
        photoId: expect.stringMatching(/-photo-0$/),
      }),
    ]);
    expect(r.overdue).toEqual([
      {
        assetCode: s.codes.poster,
        assetTitle: "Ấn phẩm ap-phich",
        contentItemCode: "1.3",
        taskNumber: 2,
        stateLabel: "Đang thẩm định",
        dueOn: "2026-03-10",
      },
    ]);
  });

  it("names the plan, the issuer and the period", () => {
    const r = report();
    expect(r.meta).toMatchObject({
      planId: "cchc-2026",
      planCode: "CCHC-2026",
      planYear: 2026,
      reportTitle:
        "Kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính nhà nước xã Lạc Phượng năm 2026",
      issuer: {
        parent: "UBND XÃ LẠC PHƯỢNG",
        body: "PHÒNG VĂN HÓA - XÃ HỘI",
        bodyName: "Phòng Văn hóa - Xã hội",
        abbreviation: "VHXH",
        place: "Lạc Phượng",
      },
      period: { from: null, to: null },
      generatedAt: REPORT_NOW.toISOString(),
      today: "2026-04-20",
    });
  });
});

describe("planReport over a period", () => {
  it("March: each count reads its own date, the Vietnamese day deciding near midnight", () => {
    const r = report("2026-03-01", "2026-03-31");
    // Social: made 28/02 23:00 (out), approved 01/03 00:30 (in), published 05/03, posts 06/03 and
    // 12/03 (the one of 02/04 is out); banner: only the road installation of 01/03 with 2 photos.
    expect(counts(row(r, "1.12"))).toEqual({
      ...ZERO,
      ...k(0, 1, 1),
      byKind: { banner: k(0, 0, 0), poster: k(0, 0, 0), social: k(0, 1, 1) },
      installed: 1,
      photos: 2,
      posted: 2,
    });
    // Overdue is the report day's fact, not the period's.
    expect(counts(row(r, "1.3"))).toEqual({
      ...ZERO,
      ...k(1, 0, 0),
      byKind: { banner: k(0, 0, 0), poster: k(1, 0, 0), social: k(0, 0, 0) },
      overdue: 1,
    });
    expect(counts(row(r, "—")).made).toBe(1);
    expect(counts(r.itemTotals)).toEqual({
      ...k(2, 1, 1),
      byKind: { banner: k(0, 0, 0), poster: k(1, 0, 0), social: k(1, 1, 1) },
      printedQty: 0,
      deliveredQty: 0,
      installed: 1,
      photos: 2,
      posted: 2,
      overdue: 1,
    });
    expect(counts(r.perTask[1])).toMatchObject({
      ...k(1, 1, 1),
      installed: 1,
      photos: 2,
      posted: 2,
      overdue: 1,
    });
    expect(r.socialPosts.map((p) => p.postedOn)).toEqual(["2026-03-06", "2026-03-12"]);
    // The hall's banner was taken down in March: listed, though hung in February.
    expect(r.installations.map((i) => [i.placeName, i.removedOn])).toEqual([
      ["Nhà văn hóa thôn mẫu", "2026-03-15"],
      ["Trục đường mẫu số 1", null],
    ]);
    expect(r.meta.period).toEqual({ from: "2026-03-01", to: "2026-03-31" });
  });

  it("up to 28/02: printing, delivery and the first installation; no row for designs without an item", () => {
    const r = report(undefined, "2026-02-28");
    expect(counts(row(r, "1.12"))).toEqual({
      ...k(2, 1, 1),
      byKind: { banner: k(1, 1, 1), poster: k(0, 0, 0), social: k(1, 0, 0) },
      printedQty: 5,
      deliveredQty: 5,
      installed: 1,
      photos: 1,
      posted: 0,
      overdue: 0,
    });
    // The revoked banner's copies were printed on 25/01: a fact that stays.
    expect(row(r, "1.3").printedQty).toBe(2);
    expect(r.perItem.map((x) => x.code)).not.toContain("—");
    expect(r.perItem).toHaveLength(15);
    expect(r.socialPosts).toEqual([]);
    expect(r.installations.map((i) => i.installedOn)).toEqual(["2026-02-26"]);
  });

  it("from 06/04: nothing happened but the April post; overdue still shows", () => {
    const r = report("2026-04-06");
    expect(counts(r.itemTotals)).toEqual({ ...ZERO, overdue: 1 });
    expect(r.socialPosts).toEqual([]);
  });

  it("refuses a date that does not exist and a period that ends before it starts", () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(ReportError);
        return (e as ReportError).code;
      }
      throw new Error("expected a refusal");
    };
    expect(code(() => report("2026-02-30"))).toBe("INVALID_DATE");
    expect(code(() => report("2026-03-31", "2026-03-01"))).toBe("INVALID_PERIOD");
    expect(code(() => planReport(t.handle, { planId: "no-such-plan" }))).toBe("NOT_FOUND");
  });
});

describe("targets", () => {
  it("only an admin sets them, each a whole number from 0 to 100 000, all or nothing", () => {
    const set = (userId: string, banners: number) =>
      setTargets(t.handle, {
        planId: "cchc-2026",
        userId,
        targets: [
          { contentItemId: "cchc-2026:1.1", banners: 9, posters: 9, socialPosts: 9 },
          { contentItemId: "cchc-2026:1.2", banners, posters: 0, socialPosts: 0 },
        ],
      });
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as ReportError).code;
      }
      return "accepted";
    };
    expect(refused(() => set(USERS.office, 1))).toBe("FORBIDDEN");
    for (const bad of [-1, 100_001, 1.5, Number.NaN])
      expect(refused(() => set(USERS.admin, bad))).toBe("INVALID_TARGET");
    expect(
      refused(() =>
        setTargets(t.handle, {
          planId: "cchc-2026",
          userId: USERS.admin,
          targets: [
            { contentItemId: "cchc-2026:1.1", banners: 9, posters: 9, socialPosts: 9 },
            { contentItemId: "other:1.1", banners: 1, posters: 0, socialPosts: 0 },
          ],
        }),
      ),
    ).toBe("NOT_FOUND");
    // Nothing of the refused saves was kept.
    expect(row(report(), "1.1").targets).toEqual({ banners: 0, posters: 0, socialPosts: 0 });
    expect(set(USERS.admin, 100_000)).toBe(2);
    expect(row(report(), "1.1").targets).toEqual({ banners: 9, posters: 9, socialPosts: 9 });
    expect(row(report(), "1.2").targets.banners).toBe(100_000);
  });
});
