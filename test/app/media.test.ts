/** The media library through the app: upload, files and thumbnails, focal-point tap, tags, retire, the picker. */
import { createHash } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { MediaPicker, type MediaPickerItem, type MediaPickerProps } from "../../app/components/media-picker";
import { getMedia, listMedia } from "../../storage/media";
import { createSession } from "../../storage/users";
import { USERS } from "../support/db";
import { phonePhoto } from "../support/installation-fixtures";
import { appUnderTest } from "../support/remix-app";

const app = await appUnderTest({ files: true });
const ITEM_7 = "cchc-2026:1.7";
const ITEM_15 = "cchc-2026:1.15";

function send(
  url: string,
  user: string,
  init: { body?: FormData | URLSearchParams; headers?: Record<string, string> } = {},
) {
  const headers = new Headers({
    cookie: `cd_session=${createSession(app.db.handle, user).token}`,
    ...init.headers,
  });
  if (init.body) headers.set("origin", "http://localhost");
  return app.handle(
    new Request(`http://localhost${url}`, { method: init.body ? "POST" : "GET", headers, body: init.body }),
  );
}

function uploadForm(files: { bytes: Buffer; name: string }[], fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ kind: "photo", ...fields })) form.set(k, v);
  for (const f of files)
    form.append("files", new Blob([new Uint8Array(f.bytes)], { type: "image/jpeg" }), f.name);
  return form;
}

const upload = (user: string, files: { bytes: Buffer; name: string }[], fields?: Record<string, string>) =>
  send("/media?index", user, { body: uploadForm(files, fields) });

const bodyBytes = async (res: Response) => Buffer.from(await res.arrayBuffer());
const idByCaption = (caption: string) =>
  app.db.handle.conn.prepare("SELECT id FROM media WHERE caption = ?").pluck().get(caption) as string;

describe("the library page", () => {
  it("shows the upload form to those who may upload, the grid to every staff member, nothing to a printer", async () => {
    const office = await send("/media", USERS.office);
    expect(office.status).toBe(200);
    const html = await office.text();
    expect(html).toContain("Thư viện ảnh");
    expect(html).toMatch(/<input[^>]*type="file"[^>]*name="files"[^>]*multiple/);
    expect(html).toContain('href="/media"');
    const approver = await (await send("/media", USERS.approver)).text();
    expect(approver).toContain("Thư viện ảnh");
    expect(approver).not.toContain('name="files"');
    expect((await send("/media", USERS.printer)).status).toBe(403);
    // The printer's navigation does not offer it either.
    expect(await (await send("/print", USERS.printer)).text()).not.toContain('href="/media"');
  });
});

describe("uploading", () => {
  it("stores good files, names each refused one (a PHP file named .jpg, an SVG with a script), tags them", async () => {
    const res = await upload(
      USERS.drafter,
      [
        { bytes: await phonePhoto({ width: 1600, height: 1200 }), name: "mot-cua.jpg" },
        { bytes: Buffer.from("<?php system($_GET['c']); ?>"), name: "anh.jpg" },
        {
          bytes: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><script>alert(1)</script></svg>',
          ),
          name: "logo.svg",
        },
      ],
      { item: ITEM_7, caption: "Bộ phận một cửa", credit: "Trung tâm Dịch vụ" },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Đã lưu 1/3 tệp vào thư viện.");
    expect(html).toContain("Đã thêm ảnh “mot-cua.jpg”.");
    expect(html).toContain("“anh.jpg”: Tệp không phải ảnh JPEG, PNG, WebP hoặc logo SVG");
    expect(html).toContain("“logo.svg”: Tệp SVG có mã script");
    const row = getMedia(app.db.handle, idByCaption("Bộ phận một cửa"))!;
    expect([row.kind, row.width, row.height, row.contentItemIds, row.credit]).toEqual([
      "photo",
      1600,
      1200,
      [ITEM_7],
      "Trung tâm Dịch vụ",
    ]);
    expect(html).toContain(`/media/${row.id}`);
  });

  it("a 60-megapixel PNG and a HEIC are refused with their messages (400: nothing stored)", async () => {
    const big = await sharp({ create: { width: 10_000, height: 6_000, channels: 3, background: "#fff" } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from("ftypheic\0\0\0\0mif1heic"),
      Buffer.alloc(500),
    ]);
    const res = await upload(USERS.office, [
      { bytes: big, name: "pano.png" },
      { bytes: heic, name: "IMG_2.HEIC" },
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(
      "“pano.png”: Ảnh 10\u202f000 × 6\u202f000 điểm ảnh (60 megapixel) vượt mức tối đa 50 megapixel",
    );
    expect(html).toContain("“IMG_2.HEIC”: Ảnh ở định dạng HEIC/HEIF");
  });

  it("a printer's or an approver's upload is refused (403) and stores nothing", async () => {
    const before = listMedia(app.db.handle, { includeRetired: true }).length;
    const photo = [{ bytes: await phonePhoto({ width: 300, height: 200 }), name: "x.jpg" }];
    expect((await upload(USERS.printer, photo)).status).toBe(403);
    expect((await upload(USERS.approver, photo)).status).toBe(403);
    expect(listMedia(app.db.handle, { includeRetired: true }).length).toBe(before);
  });
});

describe("files and thumbnails", () => {
  it("serves the stored bytes and a ≤ 480 px JPEG thumbnail, private and immutable, ETag the hash; 304 on a match", async () => {
    const row = getMedia(app.db.handle, idByCaption("Bộ phận một cửa"))!;
    const file = await send(`/media/${row.id}/file`, USERS.approver);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/jpeg");
    expect(file.headers.get("etag")).toBe(`"${row.sha256}"`);
    expect(file.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(
      createHash("sha256")
        .update(await bodyBytes(file))
        .digest("hex"),
    ).toBe(row.sha256);

    const thumb = await send(`/media/${row.id}/thumb`, USERS.drafter);
    expect(thumb.headers.get("content-type")).toBe("image/jpeg");
    expect(thumb.headers.get("etag")).toBe(`"${row.sha256}-t480"`);
    const meta = await sharp(await bodyBytes(thumb)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 480, 360]);
    const again = await send(`/media/${row.id}/thumb`, USERS.drafter, {
      headers: { "if-none-match": `"${row.sha256}-t480"` },
    });
    expect(again.status).toBe(304);

    expect((await send(`/media/${row.id}/thumb`, USERS.printer)).status).toBe(403);
    expect((await send(`/media/${row.id}/file`, USERS.printer)).status).toBe(403);
    expect((await send("/media/no-such-id/thumb", USERS.office)).status).toBe(404);
  });

  it("an SVG logo is served as image/svg+xml under a policy that lets nothing in it run or load", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60"><rect width="120" height="60" fill="#b3121b"/></svg>',
    );
    expect(
      (await upload(USERS.office, [{ bytes: svg, name: "logo.svg" }], { kind: "logo", caption: "Logo xã" }))
        .status,
    ).toBe(200);
    const id = idByCaption("Logo xã");
    for (const variant of ["file", "thumb"]) {
      const res = await send(`/media/${id}/${variant}`, USERS.office);
      expect(res.headers.get("content-type")).toBe("image/svg+xml");
      expect(res.headers.get("content-security-policy")).toBe(
        "default-src 'none'; style-src 'unsafe-inline'",
      );
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect((await res.text()).startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    }
  });
});

describe("one item's page", () => {
  it("a tap on the drawn image sets the focal point (manual); the crosshair and the crops follow it", async () => {
    const id = idByCaption("Bộ phận một cửa");
    const page = await (await send(`/media/${id}`, USERS.drafter)).text();
    expect(page).toMatch(/<input[^>]*type="image"[^>]*name="tap"/);
    expect(page).toContain("Ngang 1,91:1");
    // The image is drawn 320 px wide (4:3 → 240 px high): a tap at (80, 180) is (25 %, 75 %).
    const res = await send(`/media/${id}`, USERS.drafter, {
      body: new URLSearchParams({ intent: "tap", "tap.x": "80", "tap.y": "180" }),
    });
    expect(res.status).toBe(200);
    const row = getMedia(app.db.handle, id)!;
    expect([row.focus, row.focusSource]).toEqual([{ x: 0.25, y: 0.75 }, "manual"]);
    const after = await (await send(`/media/${id}`, USERS.drafter)).text();
    expect(after).toContain("25 % ngang, 75 % dọc");
    expect(after).toMatch(/class="media-crosshair" style="left:25\.00%;top:75\.00%"/);
    // By numbers too (the keyboard's way); outside 0–100 is refused.
    await send(`/media/${id}`, USERS.office, {
      body: new URLSearchParams({ intent: "focus", fx: "60", fy: "40" }),
    });
    expect(getMedia(app.db.handle, id)!.focus).toEqual({ x: 0.6, y: 0.4 });
    const bad = await send(`/media/${id}`, USERS.office, {
      body: new URLSearchParams({ intent: "focus", fx: "160", fy: "40" }),
    });
    expect(bad.status).toBe(400);
    // The approver looks, without a tap target, and may not set it.
    expect(await (await send(`/media/${id}`, USERS.approver)).text()).not.toContain('name="tap"');
    const refused = await send(`/media/${id}`, USERS.approver, {
      body: new URLSearchParams({ intent: "tap", "tap.x": "1", "tap.y": "1" }),
    });
    expect(refused.status).toBe(403);
    expect(getMedia(app.db.handle, id)!.focus).toEqual({ x: 0.6, y: 0.4 });
  });

  it("tags set on the page filter the library; a retired photo leaves the picker and the grid, and comes back", async () => {
    const id = idByCaption("Bộ phận một cửa");
    const body = new URLSearchParams({ intent: "details", caption: "Bộ phận một cửa", credit: "TT DVSNC" });
    body.append("tags", ITEM_15);
    body.append("tags", ITEM_7);
    expect((await send(`/media/${id}`, USERS.office, { body })).status).toBe(200);
    expect(getMedia(app.db.handle, id)!.contentItemIds).toEqual([ITEM_7, ITEM_15]);
    const filtered = await (await send(`/media?item=${encodeURIComponent(ITEM_15)}`, USERS.office)).text();
    expect(filtered).toContain(`data-media="${id}"`);
    const other = await (
      await send(`/media?item=${encodeURIComponent("cchc-2026:1.1")}`, USERS.office)
    ).text();
    expect(other).not.toContain(`data-media="${id}"`);

    const { pickerItems } = await import("../../app/lib/media.server");
    expect(pickerItems(app.db.handle, ITEM_15).map((p) => p.id)).toContain(id);
    expect(
      (await send(`/media/${id}`, USERS.office, { body: new URLSearchParams({ intent: "retire" }) })).status,
    ).toBe(200);
    expect(pickerItems(app.db.handle, ITEM_15).map((p) => p.id)).not.toContain(id);
    expect(await (await send("/media", USERS.office)).text()).not.toContain(`data-media="${id}"`);
    expect(await (await send("/media?hidden=1", USERS.office)).text()).toContain(`data-media="${id}"`);
    // The row and its file stay.
    expect((await send(`/media/${id}/file`, USERS.office)).status).toBe(200);
    await send(`/media/${id}`, USERS.office, { body: new URLSearchParams({ intent: "restore" }) });
    expect(pickerItems(app.db.handle).map((p) => p.id)).toContain(id);
  });
});

describe("the editor's picker", () => {
  const items: MediaPickerItem[] = [
    {
      id: "a",
      caption: "Một cửa",
      thumbUrl: "/media/a/thumb",
      width: 4,
      height: 3,
      contentItemIds: [ITEM_7],
    },
    {
      id: "b",
      caption: "Hội thi",
      thumbUrl: "/media/b/thumb",
      width: 4,
      height: 3,
      contentItemIds: [ITEM_15],
    },
  ];
  const picker = (props: Partial<MediaPickerProps>) =>
    renderToStaticMarkup(createElement(MediaPicker, { items, name: "photo", ...props }));
  const radios = (html: string) =>
    [...html.matchAll(/<input type="radio" name="photo"[^>]*? value="([^"]*)"/g)].map((m) => m[1]);

  it("shows the content item's photos first as radios named for the form, the chosen one kept in view", () => {
    const html = picker({ contentItemId: ITEM_7, contentItemCode: "1.7" });
    expect(radios(html)).toEqual(["a"]);
    expect(html).toContain("Nội dung 1.7 (1)");
    expect(html).toContain("Tất cả (2)");
    expect(html).toContain('href="/media"');
    // A chosen photo of another item stays, so the form still posts it.
    const chosen = picker({ value: "b", contentItemId: ITEM_7, optional: true });
    expect(radios(chosen)).toEqual(["", "a", "b"]);
    expect(chosen).toContain("Không dùng ảnh");
    expect(chosen).toMatch(/<input type="radio" name="photo" checked="" value="b"/);
    // With nothing tagged for the item, every photo shows.
    expect(radios(picker({ contentItemId: "cchc-2026:1.1" }))).toEqual(["a", "b"]);
  });
});
