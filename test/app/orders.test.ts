import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { vnDate } from "../../domain/working-days";
import { runPublisherOnce } from "../../jobs/publisher";
import { FolderObjectStore } from "../../storage/objects/index.server";
import { createUser, createSession } from "../../storage/users";
import { approvedAsset } from "../support/approved-asset";
import { USERS } from "../support/db";
import { appUnderTest } from "../support/remix-app";

// Issue 13 §1–2 through Remix's request handler (real routes, real entry.server, a seeded SQLite or PostgreSQL
// database): the office orders published assets with places, a print shop sees only its own
// orders and marks them, and every refusal reads as a Vietnamese sentence.

const app = await appUnderTest();
const ORIGIN = "http://localhost";

function send(pathname: string, user: string, form?: Record<string, string | string[]>): Promise<Response> {
  const headers = new Headers({
    host: "localhost",
    cookie: `cd_session=${createSession(app.db.handle, user).token}`,
  });
  if (!form) return app.handle(new Request(`${ORIGIN}${pathname}`, { headers }));
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
  headers.set("origin", ORIGIN);
  headers.set("content-type", "application/x-www-form-urlencoded");
  return app.handle(new Request(`${ORIGIN}${pathname}`, { method: "POST", headers, body }));
}

const viDate = (d: Date) => vnDate(d).split("-").reverse().join("/");
const TODAY = viDate(new Date());
const NEXT_WEEK = viDate(new Date(Date.now() + 7 * 86_400_000));

async function published(label: string) {
  const a = approvedAsset(app.db.handle, label);
  const store = new FolderObjectStore({ root: path.join(app.db.dir, "objects") });
  expect(await runPublisherOnce({ db: app.db.handle, store })).toMatchObject({ published: 1 });
  return a;
}

function orderForm(assets: { assetId: string }[], over: Record<string, string | string[]> = {}) {
  const form: Record<string, string | string[]> = {
    printerUnitId: "don-vi-in",
    deliverBy: NEXT_WEEK,
    note: "Giao tại trụ sở UBND",
    pick: assets.map((a) => a.assetId),
  };
  for (const a of assets) {
    form[`qty.${a.assetId}`] = "3";
    form[`material.${a.assetId}`] = "Bạt hiflex";
    form[`place.${a.assetId}`] = ["demo-placement-village-1", "demo-placement-office-1"];
    form[`placeQty.${a.assetId}.demo-placement-village-1`] = "2";
  }
  return { ...form, ...over };
}

const row = <T>(sql: string, ...args: unknown[]) => app.db.handle.conn.prepare(sql).get(...args) as T;

/** A second print-shop unit ("in-khac"), once per database. */
function otherShop(): void {
  app.db.handle.conn
    .prepare(
      "INSERT INTO units (id, name, kind, aliases_json, sort_order) VALUES ('in-khac', 'Cơ sở in khác', 'print_shop', '[]', 99) ON CONFLICT (id) DO NOTHING",
    )
    .run();
}

async function createdOrder(assets: { assetId: string }[], over: Record<string, string | string[]> = {}) {
  const res = await send("/orders/new", USERS.office, orderForm(assets, over));
  expect(res.status).toBe(302);
  const id = decodeURIComponent(new URL(res.headers.get("location") ?? "", ORIGIN).pathname.split("/")[2]!);
  return row<{ id: string; code: string; printer_unit_id: string }>(
    "SELECT * FROM print_orders WHERE id = ?",
    id,
  );
}

describe("the office orders published assets", () => {
  it("the form offers published print assets with the places that fit their format", async () => {
    const a = await published("http-offer");
    const html = await (await send("/orders/new", USERS.office)).text();
    expect(html).toContain(`Chọn ${a.code}`);
    expect(html).toContain("[Mẫu] Nhà văn hóa thôn 1");
    // The road frames take 1,2 × 10 m banners only: not offered for this 1 × 7 m one.
    expect(html).not.toContain(`Số bản tại [Mẫu] Trục đường chính — đoạn 1 (${a.code})`);
    expect(html).toContain("Đơn vị in ấn (đối tác)");
  });

  it("creates an order of two lines with their places, and shows it", async () => {
    const a = await published("http-a");
    const b = await published("http-b");
    const order = await createdOrder([a, b]);
    expect(order.code).toMatch(/^DI-2026-\d{3}$/);
    const lines = app.db.handle.conn
      .prepare(
        "SELECT asset_id, version_id, quantity, material FROM print_order_lines WHERE order_id = ? ORDER BY sort_order",
      )
      .all(order.id);
    expect(lines).toEqual([
      { asset_id: a.assetId, version_id: a.versionId, quantity: 3, material: "Bạt hiflex" },
      { asset_id: b.assetId, version_id: b.versionId, quantity: 3, material: "Bạt hiflex" },
    ]);
    const places = app.db.handle.conn
      .prepare(
        `SELECT lp.placement_id, lp.quantity FROM print_order_line_placements lp
         JOIN print_order_lines l ON l.id = lp.line_id WHERE l.asset_id = ? ORDER BY lp.placement_id`,
      )
      .all(a.assetId);
    expect(places).toEqual([
      { placement_id: "demo-placement-office-1", quantity: 1 },
      { placement_id: "demo-placement-village-1", quantity: 2 },
    ]);
    const page = await (await send(`/orders/${order.id}?created=1`, USERS.office)).text();
    expect(page).toContain(`Đã tạo đơn ${order.code}`);
    expect(page).toContain("Đã đặt in: 2");
    expect(page).toContain(`/orders/${order.id}/lines/`);
  });

  it("answers bad input with a Vietnamese message and a 400, creating nothing", async () => {
    const a = await published("http-bad");
    const count = () => row<{ n: number }>("SELECT count(*) AS n FROM print_orders").n;
    const before = count();
    const cases: [Record<string, string | string[]>, string][] = [
      [{ deliverBy: "30/02/2026" }, "không phải một ngày có thật"],
      [{ [`qty.${a.assetId}`]: "0" }, "số lượng phải là một số nguyên từ 1 đến 10.000"],
      [{ [`qty.${a.assetId}`]: "1" }, "nhiều hơn số lượng đặt in (1)"],
      [{ pick: [] }, "Đơn đặt in cần ít nhất một ấn phẩm."],
      [{ deliverBy: "01/01/2020" }, "không trước hôm nay"],
      [{ printerUnitId: "phong-vhxh" }, "Hãy chọn đơn vị in trong danh sách."],
    ];
    for (const [over, message] of cases) {
      const res = await send("/orders/new", USERS.office, orderForm([a], over));
      expect(res.status, message).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect(count()).toBe(before);
  });

  it("a drafter or a printer cannot open the new-order form or post it", async () => {
    const a = await published("http-forbid");
    for (const user of [USERS.drafter, USERS.printer]) {
      expect((await send("/orders/new", user)).status).toBe(403);
      expect((await send("/orders/new", user, orderForm([a]))).status).toBe(403);
    }
    expect((await send("/orders", USERS.drafter)).status).toBe(403);
  });
});

describe("the print shop", () => {
  it("sees only its own unit's orders; another unit's order is a 403", async () => {
    const a = await published("http-scope");
    otherShop();
    const mine = await createdOrder([a]);
    const theirs = await createdOrder([a], { printerUnitId: "in-khac" });
    const list = await (await send("/orders", USERS.printer)).text();
    expect(list).toContain(mine.code);
    expect(list).not.toContain(theirs.code);
    const office = await (await send("/orders", USERS.office)).text();
    expect(office).toContain(theirs.code);
    const res = await send(`/orders/${theirs.id}`, USERS.printer);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("được giao cho đơn vị in khác");
  });

  it("the print library card shows its own unit's open orders instead of the asset's hints", async () => {
    const a = await published("http-card");
    otherShop();
    const card = async () => {
      const html = await (await send("/print", USERS.printer)).text();
      // The card of this asset: from its marker to the next card (or the end of the page).
      const at = html.indexOf(`data-asset="${a.code}"`);
      expect(at).toBeGreaterThan(-1);
      const next = html.indexOf("data-asset=", at + 1);
      return html.slice(at, next > -1 ? next : html.indexOf("</main>", at));
    };
    // Before any order: the asset's own hints (4 copies, main road), no order row.
    const before = (await card()).replace(/<!-- -->/g, "");
    expect(before).toContain("<dt>Số lượng</dt><dd>4</dd>");
    expect(before).not.toContain("card-orders");
    const theirs = await createdOrder([a], { printerUnitId: "in-khac" });
    expect(await card()).not.toContain(theirs.code);
    const mine = await createdOrder([a]);
    const text = (await card()).replace(/<!-- -->/g, "");
    expect(text).toContain(
      `${mine.code}</a>: 3 bản — [Mẫu] Trụ sở cơ quan, đơn vị 1 (1); [Mẫu] Nhà văn hóa thôn 1 (2)`,
    );
    expect(text).not.toContain("<dt>Số lượng</dt>");
  });

  it("marks a line printed then delivered; delivered first and a bad date are refused in Vietnamese", async () => {
    const a = await published("http-mark");
    const order = await createdOrder([a]);
    const lineId = row<{ id: string }>("SELECT id FROM print_order_lines WHERE order_id = ?", order.id).id;
    const mark = (status: string, on: string) =>
      send(`/orders/${order.id}`, USERS.printer, { intent: "mark", lineId, status, on });

    const early = await mark("delivered", TODAY);
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("chưa được xác nhận đã in");
    const bad = await mark("printed", "31/13/2026");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("không phải một ngày có thật");

    const page = await (await send(`/orders/${order.id}`, USERS.printer)).text();
    expect(page).toContain("Tải file in (PDF, đúng kích thước)");
    expect(page).toContain(`/print/${a.assetId}/download`);
    const printed = await mark("printed", TODAY);
    expect(printed.status).toBe(200);
    expect(await printed.text()).toContain(`Đã xác nhận đã in dòng 1 (${a.code}) ngày ${TODAY}.`);
    expect((await mark("delivered", TODAY)).status).toBe(200);
    expect(
      row(
        "SELECT printed_on IS NOT NULL AS p, delivered_on IS NOT NULL AS d FROM print_order_lines WHERE id = ?",
        lineId,
      ),
    ).toEqual({
      p: 1,
      d: 1,
    });
    // The office may not mark; the print shop may not cancel.
    expect(
      (
        await send(`/orders/${order.id}`, USERS.office, {
          intent: "mark",
          lineId,
          status: "printed",
          on: TODAY,
        })
      ).status,
    ).toBe(403);
    expect((await send(`/orders/${order.id}`, USERS.printer, { intent: "cancel" })).status).toBe(403);
  });

  it("a printer of another unit cannot mark a line of this order", async () => {
    const a = await published("http-other");
    const order = await createdOrder([a]);
    const lineId = row<{ id: string }>("SELECT id FROM print_order_lines WHERE order_id = ?", order.id).id;
    otherShop();
    const other = await createUser(app.db.handle, {
      username: "inkhac2",
      displayName: "Người in khác",
      unitId: "in-khac",
      password: "Mat-khau-dai-2026",
      roles: ["printer"],
    });
    const res = await send(`/orders/${order.id}`, other.id, {
      intent: "mark",
      lineId,
      status: "printed",
      on: TODAY,
    });
    expect(res.status).toBe(403);
    expect(
      row<{ p: string | null }>("SELECT printed_on AS p FROM print_order_lines WHERE id = ?", lineId).p,
    ).toBeNull();
  });
});

describe("the printable order", () => {
  it("is an A4 PDF naming the order and its lines, for those who may see the order", async () => {
    const a = await published("http-sheet");
    otherShop();
    const order = await createdOrder([a]);
    const res = await send(`/orders/${order.id}/sheet.pdf`, USERS.printer);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain(`phieu-dat-in-${order.code}.pdf`);
    const pdf = new Uint8Array(await res.arrayBuffer());
    const file = path.join(app.db.dir, "sheet.pdf");
    writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain(order.code);
    expect(text).toContain(a.code);
    expect(text).toContain("[Mẫu] Nhà văn hóa thôn 1");
    const page = await (await send(`/orders/${order.id}`, USERS.office)).text();
    expect(page).toContain(`href="/orders/${order.id}/sheet.pdf"`);
    const other = await createdOrder([a], { printerUnitId: "in-khac" });
    expect((await send(`/orders/${other.id}/sheet.pdf`, USERS.printer)).status).toBe(403);
  });
});

describe("the register of places", () => {
  it("office adds a place; a half coordinate is refused in Vietnamese; the printer may not open it", async () => {
    const ok = await send("/placements", USERS.office, {
      intent: "create",
      kind: "village_hall",
      name: "Nhà văn hóa thôn Mới",
      address: "Thôn Mới",
      lat: "20,95",
      lng: "106.52",
      formats: ["a1", "bang-ron-0.8x5"],
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Đã thêm vị trí “Nhà văn hóa thôn Mới”.");
    expect(
      row("SELECT lat, lng, format_ids_json FROM placements WHERE name = ?", "Nhà văn hóa thôn Mới"),
    ).toEqual({
      lat: 20.95,
      lng: 106.52,
      format_ids_json: '["a1","bang-ron-0.8x5"]',
    });
    const bad = await send("/placements", USERS.office, {
      intent: "create",
      kind: "road",
      name: "Đường X",
      lat: "20.9",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Tọa độ cần đủ cả vĩ độ và kinh độ");
    const page = await (await send("/placements", USERS.admin)).text();
    expect(page).toContain("Dữ liệu mẫu");
    expect(page).toContain("Nhà văn hóa thôn Mới");
    expect((await send("/placements", USERS.printer)).status).toBe(403);
    expect(
      (await send("/placements", USERS.drafter, { intent: "create", kind: "road", name: "Y" })).status,
    ).toBe(403);
  });

  it("the header offers Vị trí and Đơn đặt in to the office, Đơn đặt in alone to the print shop", async () => {
    const office = await (await send("/orders", USERS.office)).text();
    expect(office).toContain('href="/placements"');
    expect(office).toContain('href="/orders"');
    expect(office).toContain('href="/report"');
    const printer = await (await send("/orders", USERS.printer)).text();
    expect(printer).toContain('href="/orders"');
    expect(printer).not.toContain('href="/placements"');
    expect(printer).not.toContain('href="/report"');
  });
});
