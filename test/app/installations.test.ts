/** Installation proof through the app: the order line's page with a multipart photo post, photos, places. */
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { PHOTO_MAX_BYTES, PHOTOS_PER_UPLOAD_MAX } from "../../storage/installations";
import { FolderObjectStore } from "../../storage/objects/index.server";
import { createSession } from "../../storage/users";
import { USERS } from "../support/db";
import { addOrderLine, deliveredLine, phonePhoto } from "../support/installation-fixtures";
import { appUnderTest } from "../support/remix-app";

const app = await appUnderTest({ files: true });
const HAI_PHONG = { lat: 20.8527, lng: 106.6201 };

let line: Awaited<ReturnType<typeof deliveredLine>>;
let otherOrder: { orderId: string; lineId: string };
beforeAll(async () => {
  // The app's own folder store (DATA_DIR/objects): the publisher puts the print files there too.
  const store = new FolderObjectStore({ root: path.join(app.db.dir, "objects") });
  line = await deliveredLine(app.db.handle, store, "app");
  otherOrder = addOrderLine(app.db.handle, line.asset.assetId, [line.places[0]], "printed");
});

const linePath = () => `/orders/${line.orderId}/lines/${line.lineId}`;

function send(url: string, user: string, body?: FormData | URLSearchParams): Promise<Response> {
  const headers = new Headers({ cookie: `cd_session=${createSession(app.db.handle, user).token}` });
  if (body) headers.set("origin", "http://localhost");
  return app.handle(new Request(`http://localhost${url}`, { method: body ? "POST" : "GET", headers, body }));
}

function photoForm(fields: Record<string, string>, photos: { bytes: Buffer; name: string; type?: string }[]) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const p of photos)
    form.append("photos", new Blob([new Uint8Array(p.bytes)], { type: p.type ?? "image/jpeg" }), p.name);
  return form;
}

const installForm = (
  placementId: string,
  photos: { bytes: Buffer; name: string; type?: string }[],
  extra = {},
) =>
  photoForm(
    { intent: "install", placementId, installedOn: "2026-01-07", note: "Trước cổng", ...extra },
    photos,
  );

const count = (sql: string, ...args: unknown[]) =>
  app.db.handle.conn
    .prepare(sql)
    .pluck()
    .get(...args) as number;

describe("the order line's page", () => {
  it("shows each place, not yet hung, with the phone form to the office", async () => {
    const res = await send(linePath(), USERS.office);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Nghiệm thu treo/đặt");
    expect(html).toContain(`Cổng UBND app`);
    expect(html).toContain(`Trục đường app`);
    expect(html).toContain("Chưa treo/đặt");
    expect(html).toMatch(
      /<input[^>]*type="file"[^>]*name="photos"[^>]*accept="image\/\*"[^>]*capture="environment"[^>]*multiple/,
    );
    expect(html).toContain("Giữ vị trí GPS của ảnh");
    // The approver sees the page, without forms.
    const approver = await (await send(linePath(), USERS.approver)).text();
    expect(approver).not.toContain('name="photos"');
  });

  it("a line of another order, or a printer: 404 and 403", async () => {
    expect((await send(`/orders/${otherOrder.orderId}/lines/${line.lineId}`, USERS.office)).status).toBe(404);
    expect((await send(linePath(), USERS.printer)).status).toBe(403);
  });

  it("refuses a PHP file named .jpg and a HEIC photo with their messages, recording nothing", async () => {
    const php = await send(
      linePath(),
      USERS.office,
      installForm(line.places[0], [{ bytes: Buffer.from("<?php system($_GET['c']); ?>"), name: "anh.jpg" }]),
    );
    expect(php.status).toBe(400);
    expect(await php.text()).toContain("Ảnh “anh.jpg”: Tệp gửi lên không phải ảnh JPEG, PNG hoặc WebP");
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from("ftypheic\0\0\0\0mif1heic"),
      Buffer.alloc(500),
    ]);
    const heicRes = await send(
      linePath(),
      USERS.office,
      installForm(line.places[0], [{ bytes: heic, name: "IMG_1.HEIC" }]),
    );
    expect(heicRes.status).toBe(400);
    expect(await heicRes.text()).toContain("Tương thích nhất");
    expect(count("SELECT count(*) FROM installations")).toBe(0);
  });

  it("refuses a photo over the size limit by name, too many photos, and a post with no photo", async () => {
    const big = Buffer.concat([await phonePhoto(), Buffer.alloc(PHOTO_MAX_BYTES)]);
    const res = await send(
      linePath(),
      USERS.office,
      installForm(line.places[0], [{ bytes: big, name: "to.jpg" }]),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Ảnh “to.jpg”: Ảnh quá lớn (tối đa 15 MB mỗi ảnh).");
    const nine = await Promise.all(
      Array.from({ length: PHOTOS_PER_UPLOAD_MAX + 1 }, async (_, i) => ({
        bytes: await phonePhoto({ width: 40 + i, height: 30 }),
        name: `${i}.jpg`,
      })),
    );
    const many = await send(linePath(), USERS.office, installForm(line.places[0], nine));
    expect(many.status).toBe(400);
    expect(await many.text()).toContain(`Mỗi lần gửi tối đa ${PHOTOS_PER_UPLOAD_MAX} ảnh.`);
    const none = await send(linePath(), USERS.office, installForm(line.places[0], []));
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Cần ít nhất một ảnh chụp tại vị trí.");
    expect(count("SELECT count(*) FROM installations")).toBe(0);
  });

  it("the approver may look but not record: 403 with the message", async () => {
    const photo = { bytes: await phonePhoto(), name: "a.jpg" };
    const res = await send(linePath(), USERS.approver, installForm(line.places[0], [photo]));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Bạn không có quyền ghi nhận nghiệm thu");
  });

  it("records 'đã treo/đặt' from a multipart post: the stored photo has no EXIF and no position unless ticked", async () => {
    const res = await send(
      linePath(),
      USERS.office,
      installForm(line.places[0], [{ bytes: await phonePhoto({ gps: HAI_PHONG }), name: "IMG_0001.JPG" }]),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Đã ghi nhận treo/đặt với 1 ảnh.");
    const photo = app.db.handle.conn
      .prepare(
        "SELECT p.* FROM installation_photos p JOIN installations i ON i.id = p.installation_id WHERE i.placement_id = ?",
      )
      .get(line.places[0]) as { id: string; lat: number | null; captured_at: string };
    expect([photo.lat, photo.captured_at]).toEqual([null, "2026-03-05T14:22:10"]);

    const ticked = await send(
      linePath(),
      USERS.drafter,
      installForm(
        line.places[1],
        [{ bytes: await phonePhoto({ gps: HAI_PHONG, colour: "#225522" }), name: "b.jpg" }],
        {
          keepLocation: "1",
        },
      ),
    );
    expect(ticked.status).toBe(200);
    const kept = app.db.handle.conn
      .prepare(
        "SELECT p.lat, p.lng FROM installation_photos p JOIN installations i ON i.id = p.installation_id WHERE i.placement_id = ?",
      )
      .get(line.places[1]) as { lat: number; lng: number };
    expect(kept.lat).toBeCloseTo(HAI_PHONG.lat, 4);
    expect(kept.lng).toBeCloseTo(HAI_PHONG.lng, 4);

    // The photo as the app serves it: the stored JPEG, private, no EXIF; a 400 px thumbnail.
    const full = await send(`/photos/${photo.id}`, USERS.approver);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("image/jpeg");
    expect(full.headers.get("cache-control")).toMatch(/^private/);
    expect(full.headers.get("x-content-type-options")).toBe("nosniff");
    const meta = await sharp(Buffer.from(await full.arrayBuffer())).metadata();
    expect([meta.format, meta.exif, meta.width]).toEqual(["jpeg", undefined, 1200]);
    const thumb = await send(`/photos/${photo.id}?w=400`, USERS.drafter);
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(400);
    expect((await send(`/photos/${photo.id}?w=123`, USERS.drafter)).status).toBe(400);
    expect((await send(`/photos/${photo.id}`, USERS.printer)).status).toBe(403);
    expect((await send("/photos/no-such-photo", USERS.office)).status).toBe(404);

    // The line page now shows it hung, with its thumbnail and the removal form.
    const page = await (await send(linePath(), USERS.office)).text();
    expect(page).toContain(`/photos/${photo.id}?w=400`);
    expect(page).toContain("Đã treo/đặt 07/01/2026");
    expect(page).toContain("Ngày tháo");
  });

  it("records 'đã tháo' from a plain form, once", async () => {
    const inst = app.db.handle.conn
      .prepare("SELECT id FROM installations WHERE placement_id = ?")
      .pluck()
      .get(line.places[0]) as string;
    const remove = () =>
      send(
        linePath(),
        USERS.office,
        new URLSearchParams({ intent: "remove", installationId: inst, removedOn: "2026-02-01" }),
      );
    const res = await remove();
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Đã ghi nhận tháo.");
    const again = await remove();
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Đã ghi nhận tháo khỏi “Cổng UBND app” ngày 01/02/2026.");
    expect(count("SELECT count(*) FROM audit_events WHERE action = 'REMOVED'")).toBe(1);
  });

  it("the placement's page and the asset page show what hung there, with photos", async () => {
    const place = await (await send(`/placements/${line.places[0]}`, USERS.approver)).text();
    expect(place).toContain("Lịch sử treo/đặt");
    expect(place).toContain("Dữ liệu mẫu");
    expect(place).toContain("Đã tháo 01/02/2026 (treo từ 07/01/2026)");
    expect(place).toMatch(/\/photos\/[0-9a-f-]+\?w=400/);
    expect((await send("/placements/no-such-place", USERS.office)).status).toBe(404);

    const asset = await (await send(`/asset/${line.asset.assetId}`, USERS.office)).text();
    expect(asset).toContain("Nghiệm thu lắp đặt");
    expect(asset).toContain("Đang treo/đặt tại 1/2 vị trí · 2 ảnh");
  });
});
