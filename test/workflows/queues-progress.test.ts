import { ASSET_STATES, type AssetState } from "../../domain/states";
import { actingRole } from "../../domain/decisions";
import { ROLES } from "../../domain/roles";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getAsset } from "../../storage/assets";
import { setSetting } from "../../storage/settings";
import { eventsAcceptedIn } from "../../workflows/asset-machine";
import {
  DONE_STATES,
  IN_PROGRESS_STATES,
  overdueByContentItem,
  progressOf,
  taskProgress,
} from "../../workflows/progress";
import {
  bulkConfirmation,
  queuesFor,
  reviewQueueItems,
  reviewQueuesFor,
  WORK_QUEUES,
} from "../../workflows/queues";
import { applyAssetEvent, createAsset } from "../../workflows/service";
import { dumpTables, fakeFiles, seededDb, type TempDb, USERS } from "../support/db";

const counts = (c: Partial<Record<AssetState, number>>) =>
  Object.fromEntries(ASSET_STATES.map((s) => [s, c[s] ?? 0])) as Record<AssetState, number>;

describe("plan progress (workflows/progress.ts)", () => {
  it("counts approved and published as done, the living states as in progress, and the dead for neither", () => {
    expect(new Set([...DONE_STATES, ...IN_PROGRESS_STATES, "rejected", "revoked"])).toEqual(
      new Set(ASSET_STATES),
    );
    expect(DONE_STATES.some((s) => IN_PROGRESS_STATES.includes(s))).toBe(false);
    const p = progressOf(
      counts({
        draft: 1,
        office_review: 2,
        awaiting_approval: 3,
        returned: 4,
        withdrawn: 5,
        approved: 6,
        published: 7,
        rejected: 8,
        revoked: 9,
      }),
    );
    expect(p).toEqual({ inProgress: 15, done: 13, total: 28 });
    expect(progressOf({})).toEqual({ inProgress: 0, done: 0, total: 0 });
  });

  it("counts a task's visual products by format kind: task 2 is the screen formats (a custom size by its kind)", () => {
    const rows = [
      { formatId: "web-banner-1920x400", state: "published" as const, n: 2 },
      { formatId: "web-banner-1920x400", state: "draft" as const, n: 1 },
      { formatId: "web-banner-1920x400", state: "rejected" as const, n: 5 },
      { formatId: "bang-ron-1x7", state: "approved" as const, n: 4 },
      { formatId: "custom-banner-1000x3000", state: "approved" as const, n: 1 },
      { formatId: "no-such-format", state: "approved" as const, n: 9 },
    ];
    expect(taskProgress(2, rows)).toEqual({ inProgress: 1, done: 2, total: 3 });
    expect(taskProgress(1, rows)).toBeNull();
    expect(taskProgress(2, [])).toEqual({ inProgress: 0, done: 0, total: 0 });
  });
});

describe("work queues (workflows/queues.ts)", () => {
  it("gives each role its queues; admins have none", () => {
    expect(queuesFor(["drafter"]).map((q) => q.id)).toEqual(["returned", "drafts"]);
    expect(queuesFor(["office", "approver"]).map((q) => q.id)).toEqual([
      "office_review",
      "awaiting_approval",
    ]);
    expect(queuesFor(["printer"]).map((q) => q.id)).toEqual(["published"]);
    expect(queuesFor(["admin"])).toEqual([]);
    expect(queuesFor([...ROLES])).toEqual(WORK_QUEUES);
  });

  it("review queues: one state each, whose bulk decision the queue's role takes there", () => {
    const review = reviewQueuesFor([...ROLES]);
    expect(review.map((q) => [q.states, q.bulk])).toEqual([
      [["office_review"], "FORWARD"],
      [["awaiting_approval"], "APPROVE"],
    ]);
    for (const q of review) {
      expect(eventsAcceptedIn(q.states[0])).toContain(q.bulk);
      expect(actingRole(q.bulk, q.states[0])).toBe(q.role);
      // The other decision on every item: returning it, in the same role.
      expect(actingRole("RETURN", q.states[0])).toBe(q.role);
    }
    expect(reviewQueuesFor(["drafter", "printer"])).toEqual([]);
  });
});

describe("waiting time and deadlines in the queues and per content item (issue 12 §2)", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await seededDb();
  });
  afterEach(() => t.cleanup());

  // Friday 4 December 2026, 09:00 in Hà Nội.
  const FRIDAY = new Date("2026-12-04T02:00:00Z");
  const WEDNESDAY = new Date("2026-12-09T02:00:00Z");

  function make(item: string, dueOn: string | null, label: string, submitAt: Date | null = FRIDAY) {
    const a = createAsset(t.handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: item,
      templateId: "hanh-chinh-hien-dai",
      formatId: "bang-ron-0.8x5",
      text: `Khẩu hiệu ${label}`,
      files: fakeFiles(label),
      dueOn,
      now: FRIDAY,
    });
    if (submitAt)
      applyAssetEvent(t.handle, {
        assetId: a.assetId,
        versionHash: a.versionHash,
        event: { type: "SUBMIT", actor: { userId: USERS.drafter } },
        now: submitAt,
      });
    return a;
  }

  it("counts overdue assets per content item: past the due date in Vietnam and not finished", () => {
    make("cchc-2026:1.12", "2026-12-07", "a"); // due Monday, waiting: overdue on Wednesday
    make("cchc-2026:1.12", "2026-12-08", "b"); // due Tuesday: overdue on Wednesday
    make("cchc-2026:1.12", "2026-12-09", "c"); // due that very day: not yet
    make("cchc-2026:1.12", null, "d"); // no deadline
    make("cchc-2026:1.3", "2026-12-01", "e", null); // a draft past its date: overdue too
    const rejected = make("cchc-2026:1.3", "2026-12-01", "f");
    applyAssetEvent(t.handle, {
      assetId: rejected.assetId,
      versionHash: rejected.versionHash,
      event: { type: "RETURN", actor: { userId: USERS.office }, reason: { code: "diacritics", text: "" } },
      now: FRIDAY,
    });
    expect(Object.fromEntries(overdueByContentItem(t.handle, "cchc-2026", WEDNESDAY))).toEqual({
      "cchc-2026:1.12": 2,
      "cchc-2026:1.3": 2,
    });
    // The same day in Vietnam, 23:30 (16:30 UTC): the due date has not ended yet.
    expect(
      overdueByContentItem(t.handle, "cchc-2026", new Date("2026-12-07T16:30:00Z")).get("cchc-2026:1.12"),
    ).toBe(undefined);
    expect(
      overdueByContentItem(t.handle, "cchc-2026", new Date("2026-12-07T17:30:00Z")).get("cchc-2026:1.12"),
    ).toBe(1);
  });

  it("lists a review queue oldest-waiting first, with working days waited, the threshold and overdue", () => {
    const older = make("cchc-2026:1.12", "2026-12-07", "old");
    const newer = make("cchc-2026:1.12", null, "new", new Date("2026-12-08T03:00:00Z"));
    make("cchc-2026:1.12", null, "draft", null); // not in the queue
    const [office] = reviewQueuesFor(["office"]);
    const { items, total } = reviewQueueItems(t.handle, office, WEDNESDAY);
    expect(total).toBe(2);
    expect(items.map((i) => i.id)).toEqual([older.assetId, newer.assetId]);
    expect(items[0]).toMatchObject({
      code: older.code,
      text: "Khẩu hiệu old",
      formatLabel: "Băng rôn 0,8 × 5 m",
      versionId: older.versionId,
      versionHash: older.versionHash,
      dueOn: "2026-12-07",
      // Friday → Wednesday: Monday, Tuesday, Wednesday; over the default 2.
      waiting: { waitedDays: 3, thresholdDays: 2, overWaiting: true, overdue: true },
    });
    expect(items[1].waiting).toEqual({ waitedDays: 1, thresholdDays: 2, overWaiting: false, overdue: false });

    // The admin's holidays and thresholds count: Monday off, 3 days allowed at the office.
    setSetting(t.handle, "holidays", ["2026-12-07"], USERS.admin);
    setSetting(
      t.handle,
      "reminder_days",
      { office_review: 3, awaiting_approval: 2, returned: 2 },
      USERS.admin,
    );
    expect(reviewQueueItems(t.handle, office, WEDNESDAY).items[0].waiting).toEqual({
      waitedDays: 2,
      thresholdDays: 3,
      overWaiting: false,
      overdue: true,
    });
  });

  it("the bulk confirmation shows the office's note for each item and flags what changed; it applies nothing", () => {
    const a = make("cchc-2026:1.12", null, "x");
    const b = make("cchc-2026:1.12", null, "y");
    const forward = (id: string, hash: string, comment?: string) =>
      applyAssetEvent(t.handle, {
        assetId: id,
        versionHash: hash,
        event: { type: "FORWARD", actor: { userId: USERS.office }, ...(comment ? { comment } : {}) },
      });
    forward(a.assetId, a.versionHash, "Đã rà soát chính tả, đề nghị phê duyệt.");
    forward(b.assetId, b.versionHash);
    const approver = reviewQueuesFor(["approver"])[0];
    const rv = (id: string) => getAsset(t.handle, id)!.rowVersion;
    const before = dumpTables(t.handle);
    const items = bulkConfirmation(t.handle, approver, [
      { assetId: a.assetId, versionHash: a.versionHash, rowVersion: rv(a.assetId) },
      { assetId: b.assetId, versionHash: b.versionHash, rowVersion: rv(b.assetId) - 1 },
      { assetId: "no-such-asset", versionHash: a.versionHash, rowVersion: 0 },
    ]);
    expect(dumpTables(t.handle)).toEqual(before);
    expect(items.map((i) => [i.code, i.text, i.note?.action, i.note?.comment, i.problem])).toEqual([
      [a.code, "Khẩu hiệu x", "FORWARD", "Đã rà soát chính tả, đề nghị phê duyệt.", null],
      [
        b.code,
        "Khẩu hiệu y",
        "FORWARD",
        null,
        "Ấn phẩm đã thay đổi sau khi tải trang; hãy tải lại hàng chờ.",
      ],
    ]);
    expect(items[0].note?.roleLabel).toBe("Phòng Văn hóa - Xã hội");
    // In the office's queue these are no longer waiting.
    const [office] = reviewQueuesFor(["office"]);
    expect(
      bulkConfirmation(t.handle, office, [
        { assetId: a.assetId, versionHash: a.versionHash, rowVersion: rv(a.assetId) },
      ])[0].problem,
    ).toBe("Ấn phẩm không còn ở bước này.");
  });
});
