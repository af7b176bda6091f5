/** Print orders (issue 13 §2) on a real seeded database (SQLite, or PostgreSQL on the PG run), published through the real publisher. */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_LINE_QUANTITY } from "../../domain/print-orders";
import { runNotifierOnce } from "../../jobs/notifier";
import { runPublisherOnce } from "../../jobs/publisher";
import { verifyAuditChain } from "../../storage/audit";
import { listNotifications } from "../../storage/notifications";
import { FolderObjectStore } from "../../storage/objects/index.server";
import { listOutbox, NOTIFY_KIND, type NotifyPayload } from "../../storage/outbox";
import {
  cancelOrder,
  createOrder,
  getOrder,
  listOrderableAssets,
  listOrders,
  markLine,
  orderSheetData,
  PrintOrderError,
} from "../../storage/print-orders";
import { createUser } from "../../storage/users";
import { createAsset } from "../../workflows/service";
import { approvedAsset, decide } from "../support/approved-asset";
import { dumpTables, fakeFiles, seededDb, type TempDb, USERS } from "../support/db";

const PLAN = "cchc-2026";
const SHOP = "don-vi-in";
const office = { userId: USERS.office, roles: ["office"] as const };
const printer = { userId: USERS.printer, roles: ["printer"] as const };
// Fixed clock: dates on lines are checked against "today in Vietnam".
const NOW = new Date("2026-03-10T03:00:00Z");
const TODAY = "2026-03-10";

let t: TempDb;
let store: FolderObjectStore;
beforeEach(async () => {
  t = await seededDb();
  store = new FolderObjectStore({ root: path.join(t.dir, "objects") });
});
afterEach(() => t.cleanup());

/** An asset approved and uploaded by the publisher: published, print PDF in the store. */
async function published(label: string, formatId = "bang-ron-1x7") {
  const a = approvedAsset(t.handle, label, { formatId });
  expect(await runPublisherOnce({ db: t.handle, store })).toMatchObject({ published: 1 });
  return a;
}

/** The PrintOrderError `fn` throws, after checking it wrote nothing. */
function refusal(fn: () => unknown): PrintOrderError {
  const before = dumpTables(t.handle);
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PrintOrderError);
    expect(dumpTables(t.handle)).toEqual(before);
    return e as PrintOrderError;
  }
  throw new Error("expected a refusal");
}

const line = (assetId: string, over: Record<string, unknown> = {}) => ({
  assetId,
  quantity: 4,
  material: "Bạt hiflex",
  placements: [
    { placementId: "demo-placement-village-1", quantity: 2 },
    { placementId: "demo-placement-office-1", quantity: 1 },
  ],
  ...over,
});

function order(lines: ReturnType<typeof line>[], over: Record<string, unknown> = {}) {
  return createOrder(t.handle, {
    actor: office,
    planId: PLAN,
    printerUnitId: SHOP,
    deliverBy: "2026-03-20",
    note: "Giao tại trụ sở",
    lines,
    now: NOW,
    ...over,
  });
}

/** A second print shop with its own printer account. */
async function otherShop() {
  t.handle.conn
    .prepare(
      "INSERT INTO units (id, name, kind, aliases_json, sort_order) VALUES ('in-khac', 'Cơ sở in khác', 'print_shop', '[]', 99)",
    )
    .run();
  const u = await createUser(t.handle, {
    username: "inkhac",
    displayName: "Người in khác",
    unitId: "in-khac",
    password: "Mat-khau-dai-2026",
    roles: ["printer"],
  });
  return { userId: u.id, roles: ["printer"] as const };
}

describe("creating an order", () => {
  it("binds each line to the published version, keeps quantities and places; codes run per year", async () => {
    const a = await published("o-1");
    const b = await published("o-2");
    const first = order([line(a.assetId), line(b.assetId, { quantity: 2, placements: [] })]);
    expect(first).toMatchObject({
      code: "DI-2026-001",
      status: "open",
      printerUnit: { id: SHOP, name: "Đơn vị in ấn (đối tác)" },
      deliverBy: "2026-03-20",
      note: "Giao tại trụ sở",
      createdBy: { id: USERS.office },
      counts: { ordered: 2, printed: 0, delivered: 0, blocked: 0 },
      totalQuantity: 6,
    });
    expect(first.lines.map((l) => [l.n, l.assetId, l.versionId, l.quantity, l.status])).toEqual([
      [1, a.assetId, a.versionId, 4, "ordered"],
      [2, b.assetId, b.versionId, 2, "ordered"],
    ]);
    expect(first.lines[0]!.placements.map((p) => [p.placementId, p.quantity, p.isDemo])).toEqual([
      ["demo-placement-office-1", 1, true],
      ["demo-placement-village-1", 2, true],
    ]);
    expect(first.lines[0]!.files.map((f) => f.kind)).toContain("pdf");
    expect(order([line(a.assetId)]).code).toBe("DI-2026-002");
    expect(order([line(b.assetId)]).code).toBe("DI-2026-003");
  });

  it("refuses an asset that is not published (draft, approved but not uploaded) with NOT_PUBLISHED", async () => {
    const pub = await published("np-ok");
    const approvedOnly = approvedAsset(t.handle, "np-approved");
    const draft = createAsset(t.handle, {
      actor: { userId: USERS.drafter },
      planId: PLAN,
      contentItemId: "cchc-2026:1.12",
      templateId: "traditional",
      formatId: "bang-ron-1x7",
      text: "Một khẩu hiệu còn là bản nháp",
      files: fakeFiles("np-draft"),
    });
    for (const id of [approvedOnly.assetId, draft.assetId]) {
      const e = refusal(() => order([line(pub.assetId), line(id)]));
      expect(e.code).toBe("NOT_PUBLISHED");
      expect(e.messageVi).toMatch(/^Dòng 2 \(CCHC-2026-1\.12-\d{4}\): chỉ đặt in được ấn phẩm đã phát hành/);
    }
    expect(listOrderableAssets(t.handle, { planId: PLAN }).map((x) => x.assetId)).toEqual([pub.assetId]);
  });

  it("only the office creates orders", async () => {
    const a = await published("forbid");
    for (const actor of [
      printer,
      { userId: USERS.admin, roles: ["admin"] as const },
      { userId: USERS.drafter, roles: ["drafter"] as const },
      { userId: USERS.printer, roles: ["office"] as const },
    ]) {
      const e = refusal(() => order([line(a.assetId)], { actor }));
      expect(e.code).toBe("FORBIDDEN");
      expect(e.messageVi).toContain("Phòng Văn hóa - Xã hội");
    }
  });

  it("refuses bad lines with the field, the line number and a Vietnamese message", async () => {
    const a = await published("bad-1");
    const b = await published("bad-2");
    const cases: [() => unknown, string, RegExp][] = [
      [() => order([]), "lines", /ít nhất một ấn phẩm/],
      [
        () => order([line(a.assetId, { quantity: 0 })]),
        "quantity",
        /Dòng 1: số lượng phải là một số nguyên từ 1/,
      ],
      [() => order([line(a.assetId, { quantity: MAX_LINE_QUANTITY + 1 })]), "quantity", /10\.000/],
      [() => order([line(a.assetId, { quantity: 1.5 })]), "quantity", /số nguyên/],
      [() => order([line(a.assetId), line(a.assetId)]), "lines", /Mỗi ấn phẩm chỉ đặt một dòng/],
      [
        () => order([line(a.assetId, { quantity: 2 })]),
        "placements",
        /\(3\) nhiều hơn số lượng đặt in \(2\)/,
      ],
      [
        () =>
          order([line(b.assetId, { placements: [{ placementId: "demo-placement-road-1", quantity: 1 }] })]),
        "placements",
        /không treo\/đặt được khổ Băng rôn 1 × 7 m/,
      ],
      [
        () => order([line(a.assetId, { placements: [{ placementId: "nope", quantity: 1 }] })]),
        "placements",
        /không còn trong danh sách/,
      ],
      [() => order([line(a.assetId)], { deliverBy: "2026-03-09" }), "deliverBy", /không trước hôm nay/],
      [() => order([line(a.assetId)], { deliverBy: "2026-02-30" }), "deliverBy", /ngày có thật/],
      [() => order([line(a.assetId)], { printerUnitId: "phong-vhxh" }), "printerUnitId", /đơn vị in/],
      [() => order([line(a.assetId, { material: "Bạt\u202E" })]), "material", /^Dòng 1: .*Vật liệu/],
    ];
    for (const [fn, field, message] of cases) {
      const e = refusal(fn);
      expect(e.code, String(message)).toBe("INVALID_INPUT");
      expect(e.details.field, String(message)).toBe(field);
      expect(e.messageVi).toMatch(message);
    }
  });

  it("screen formats are not ordered and not offered", async () => {
    const screen = approvedAsset(t.handle, "screen", { formatId: "square-1080", screen: true });
    await runPublisherOnce({ db: t.handle, store });
    expect(listOrderableAssets(t.handle, { planId: PLAN })).toEqual([]);
    const e = refusal(() => order([line(screen.assetId, { placements: [] })]));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.messageVi).toContain("khổ màn hình");
  });

  it("orderable assets are found by words without marks and by content item", async () => {
    const a = await published("find");
    expect(
      listOrderableAssets(t.handle, { planId: PLAN, text: "dich vu cong" }).map((x) => x.assetId),
    ).toEqual([a.assetId]);
    expect(listOrderableAssets(t.handle, { planId: PLAN, text: "khong co" })).toEqual([]);
    expect(listOrderableAssets(t.handle, { planId: PLAN, contentItemId: "cchc-2026:1.1" })).toEqual([]);
    expect(listOrderableAssets(t.handle, { planId: PLAN, contentItemId: "cchc-2026:1.12" })[0]).toMatchObject(
      {
        formatLabel: "Băng rôn 1 × 7 m",
        contentItem: { code: "1.12" },
        versionN: 1,
      },
    );
  });
});

describe("a new order is news for its print shop", () => {
  it("writes ORDERED on each asset's record and tells the shop's printers, not another shop's", async () => {
    const other = await otherShop();
    const a = await published("news-a");
    const b = await published("news-b");
    const o = order([line(a.assetId), line(b.assetId, { quantity: 2, placements: [] })]);
    const audit = t.handle.conn
      .prepare(
        "SELECT asset_id, actor_role, from_state, to_state, comment FROM audit_events WHERE action = 'ORDERED' ORDER BY id",
      )
      .all();
    expect(audit).toEqual([
      {
        asset_id: a.assetId,
        actor_role: "office",
        from_state: "published",
        to_state: "published",
        comment: `Đặt in 4 bản (đơn ${o.code})`,
      },
      {
        asset_id: b.assetId,
        actor_role: "office",
        from_state: "published",
        to_state: "published",
        comment: `Đặt in 2 bản (đơn ${o.code})`,
      },
    ]);
    expect(verifyAuditChain(t.handle).ok).toBe(true);
    await runNotifierOnce({ db: t.handle, channels: [], now: NOW });
    const titles = (userId: string) =>
      listNotifications(t.handle, userId, { limit: 20 }).items.map((n) => n.title);
    expect(titles(USERS.printer)).toEqual(expect.arrayContaining([`Đặt in: ${a.code}`, `Đặt in: ${b.code}`]));
    expect(titles(other.userId)).toEqual([]);
    // The office placed it: no notice to itself.
    expect(titles(USERS.office).filter((x) => x.startsWith("Đặt in"))).toEqual([]);
  });
});

describe("who sees which order", () => {
  it("office and admin see all; a printer only its unit's; another unit's order is refused", async () => {
    const a = await published("scope");
    const mine = order([line(a.assetId)]);
    const other = await otherShop();
    const theirs = order([line(a.assetId)], { printerUnitId: "in-khac" });
    expect(listOrders(t.handle, office).map((o) => o.code)).toEqual([theirs.code, mine.code]);
    expect(listOrders(t.handle, { userId: USERS.admin, roles: ["admin"] }).length).toBe(2);
    expect(listOrders(t.handle, printer).map((o) => o.code)).toEqual([mine.code]);
    expect(listOrders(t.handle, other).map((o) => o.code)).toEqual([theirs.code]);
    expect(getOrder(t.handle, mine.id, printer).code).toBe(mine.code);
    const e = refusal(() => getOrder(t.handle, theirs.id, printer));
    expect(e.code).toBe("FORBIDDEN");
    expect(refusal(() => getOrder(t.handle, "nope", office)).code).toBe("NOT_FOUND");
  });
});

describe("the print shop marks lines", () => {
  it("printed then delivered: one confirmation per step bound to the line, audit rows, a notice for the office", async () => {
    const a = await published("mark");
    const o = order([line(a.assetId)]);
    const l = o.lines[0]!;
    const printed = markLine(t.handle, {
      actor: printer,
      orderId: o.id,
      lineId: l.id,
      status: "printed",
      on: TODAY,
      now: NOW,
    });
    expect(printed).toMatchObject({ status: "printed", printedOn: TODAY, deliveredOn: null });
    const delivered = markLine(t.handle, {
      actor: printer,
      orderId: o.id,
      lineId: l.id,
      status: "delivered",
      on: TODAY,
      note: "Đã giao 4 bản",
      now: NOW,
    });
    expect(delivered).toMatchObject({ status: "delivered", statusLabel: "Đã giao", deliveredOn: TODAY });

    const confirmations = t.handle.conn
      .prepare("SELECT status, quantity, order_line_id FROM print_confirmations ORDER BY at, status DESC")
      .all();
    expect(confirmations).toEqual([
      { status: "printed", quantity: 4, order_line_id: l.id },
      { status: "delivered", quantity: 4, order_line_id: l.id },
    ]);
    const audit = t.handle.conn
      .prepare(
        "SELECT id, action, from_state, to_state, comment FROM audit_events WHERE action IN ('PRINTED','DELIVERED') ORDER BY id",
      )
      .all() as { id: number; action: string; from_state: string; to_state: string; comment: string }[];
    expect(audit.map((r) => [r.action, r.from_state, r.to_state])).toEqual([
      ["PRINTED", "published", "published"],
      ["DELIVERED", "published", "published"],
    ]);
    expect(audit[0]!.comment).toBe("Đơn vị in xác nhận đã in 4 bản (đơn DI-2026-001, ngày 10/03/2026)");
    expect(verifyAuditChain(t.handle).ok).toBe(true);

    const notices = listOutbox<NotifyPayload>(t.handle, { kind: NOTIFY_KIND }).filter((j) =>
      audit.some((r) => r.id === j.payload.auditId),
    );
    expect(notices.map((j) => [j.payload.action, j.payload.notifyRoles])).toEqual([
      ["PRINTED", ["office"]],
      ["DELIVERED", ["office"]],
    ]);
    await runNotifierOnce({ db: t.handle, channels: [], now: NOW });
    const inbox = listNotifications(t.handle, USERS.office, { limit: 20 }).items.map((n) => n.title);
    expect(inbox).toContain(`Đơn vị in xác nhận đã in: ${a.code}`);
    expect(inbox).toContain(`Đơn vị in xác nhận đã giao: ${a.code}`);
  });

  it("refuses delivered before printed, a second mark, a bad date, and another unit's printer", async () => {
    const a = await published("mark-bad");
    const o = order([line(a.assetId)]);
    const l = o.lines[0]!;
    const mark = (over: Record<string, unknown>) =>
      markLine(t.handle, {
        actor: printer,
        orderId: o.id,
        lineId: l.id,
        status: "printed",
        on: TODAY,
        now: NOW,
        ...over,
      });
    expect(refusal(() => mark({ status: "delivered" })).code).toBe("NOT_PRINTED");
    const future = refusal(() => mark({ on: "2026-03-11" }));
    expect([future.code, future.details.field]).toEqual(["INVALID_INPUT", "on"]);
    expect(future.messageVi).toBe("Ngày đã in không được sau hôm nay.");
    expect(refusal(() => mark({ on: "10/03/2026" })).messageVi).toContain("ngày có thật");
    expect(refusal(() => mark({ on: "2026-03-09" })).messageVi).toContain("trước ngày đặt in (10/03/2026)");
    const other = await otherShop();
    const e = refusal(() => mark({ actor: other }));
    expect(e.code).toBe("FORBIDDEN");
    expect(e.messageVi).toContain("Đơn vị in ấn (đối tác)");
    expect(refusal(() => mark({ actor: office })).code).toBe("FORBIDDEN");
    mark({});
    const again = refusal(() => mark({}));
    expect(again.code).toBe("ALREADY_MARKED");
    expect(again.messageVi).toContain("đã in ngày 10/03/2026");
    expect(refusal(() => mark({ lineId: "nope" })).code).toBe("NOT_FOUND");
  });

  it("a revoked asset blocks its open lines: shown as blocked, and nothing more can be marked", async () => {
    const a = await published("revoke");
    const b = await published("keep");
    const o = order([line(a.assetId), line(b.assetId)]);
    decide(t.handle, a.assetId, "REVOKE", USERS.approver);
    const now = getOrder(t.handle, o.id, office);
    expect(now.lines.map((l) => [l.status, l.blockedReason])).toEqual([
      ["blocked", "revoked"],
      ["ordered", null],
    ]);
    expect(now.counts).toMatchObject({ blocked: 1, ordered: 1 });
    expect(now.lines[0]!.statusLabel).toBe("Tạm dừng — ấn phẩm đã bị thu hồi");
    const e = refusal(() =>
      markLine(t.handle, {
        actor: printer,
        orderId: o.id,
        lineId: o.lines[0]!.id,
        status: "printed",
        on: TODAY,
        now: NOW,
      }),
    );
    expect(e.code).toBe("BLOCKED");
    expect(e.messageVi).toContain(a.code);
    // Once the publisher has withdrawn the files, the line stays blocked and the asset is no longer offered.
    await runPublisherOnce({ db: t.handle, store });
    expect(getOrder(t.handle, o.id, office).lines[0]!.status).toBe("blocked");
    expect(listOrderableAssets(t.handle, { planId: PLAN }).map((x) => x.assetId)).toEqual([b.assetId]);
    expect(refusal(() => order([line(a.assetId)])).code).toBe("NOT_PUBLISHED");
  });

  it("a cancelled order can be marked no more, and cannot be cancelled twice", async () => {
    const a = await published("cancel");
    const o = order([line(a.assetId)]);
    expect(refusal(() => cancelOrder(t.handle, { actor: printer, orderId: o.id })).code).toBe("FORBIDDEN");
    expect(cancelOrder(t.handle, { actor: office, orderId: o.id }).status).toBe("cancelled");
    const e = refusal(() =>
      markLine(t.handle, {
        actor: printer,
        orderId: o.id,
        lineId: o.lines[0]!.id,
        status: "printed",
        on: TODAY,
        now: NOW,
      }),
    );
    expect(e.code).toBe("ORDER_CANCELLED");
    expect(refusal(() => cancelOrder(t.handle, { actor: office, orderId: o.id })).code).toBe(
      "ORDER_CANCELLED",
    );
  });
});

describe("the order sheet's data", () => {
  it("carries the issuer, who ordered, each line's geometry, places and published files", async () => {
    const a = await published("sheet", "bang-ron-1.2x10");
    const o = order([
      line(a.assetId, { quantity: 2, placements: [{ placementId: "demo-placement-road-1", quantity: 2 }] }),
    ]);
    const data = await orderSheetData(t.handle, o.id, { verifyBaseUrl: "https://x.example/verify" });
    expect(data).toMatchObject({
      code: "DI-2026-001",
      deliverBy: "2026-03-20",
      issuer: "ỦY BAN NHÂN DÂN XÃ LẠC PHƯỢNG",
      orderedBy: {
        name: "Trần Minh Đức",
        title: "Công chức Phòng Văn hóa - Xã hội",
        unit: "Phòng Văn hóa - Xã hội",
      },
      printer: { name: "Đơn vị in ấn (đối tác)" },
      note: "Giao tại trụ sở",
      verifyBaseUrl: "https://x.example/verify",
    });
    const [l] = data.lines;
    expect(l).toMatchObject({
      n: 1,
      assetCode: a.code,
      formatLabel: "Băng rôn 1,2 × 10 m",
      trimWidthMm: 10000,
      trimHeightMm: 1200,
      bleedMm: 10,
      hemMm: 40,
      finishing: "Viền may 40 mm, đóng khoen ô-dê theo khung",
      material: "Bạt hiflex",
      quantity: 2,
      placements: [{ name: "[Mẫu] Trục đường chính — đoạn 1", kindLabel: "Trục đường chính", quantity: 2 }],
      blocked: false,
    });
    const pdf = l!.files.find((f) => f.kind === "pdf");
    expect(pdf).toMatchObject({ fileName: `${a.code}-v1-bang-ron-1.2x10.pdf`, scaleDenominator: 1 });
    expect(pdf!.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The test's proof is not a real PNG: the line prints without a picture rather than failing.
    expect(l!.thumbnailPng).toBeNull();
    await expect(orderSheetData(t.handle, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
