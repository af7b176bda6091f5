// The render fields the editor, the preview and bulk share (app/lib/render-input.server.ts): the
// designer's choices (palette, align, font) and the photo (photo, focus) parsed with Vietnamese
// refusals, the photo resolved from the media library (an unknown or retired one refused clearly),
// and what a bulk draft made with them records in its version. Real SQLite, real folder store,
// real renders.
import { describe, expect, it } from "vitest";
import {
  RENDER_KEYS,
  renderParamsRefusal,
  renderParamsSchema,
  resolveRenderInput,
  toRenderInput,
} from "../../app/lib/render-input.server";
import { appObjectStore } from "../../app/lib/stores.server";
import { getAsset, getVersion } from "../../storage/assets";
import { ingestMedia, setRetired } from "../../storage/media";
import { createSession } from "../../storage/users";
import { USERS } from "../support/db";
import { phonePhoto } from "../support/installation-fixtures";
import { appUnderTest } from "../support/remix-app";

const app = await appUnderTest({ files: true });

const BASE = { template: "photo-social", format: "fb-link-1200x630", text: "Bộ phận một cửa tận tình" };

function parse(fields: Record<string, string>) {
  return renderParamsSchema.safeParse({ ...BASE, ...fields });
}

function refusalOf(fields: Record<string, string>) {
  const r = parse(fields);
  if (r.success) throw new Error("accepted");
  return renderParamsRefusal(r.error, "fallback");
}

async function photoId(width = 3000, height = 1000): Promise<string> {
  const [out] = await ingestMedia({
    db: app.db.handle,
    store: appObjectStore(),
    userId: USERS.drafter,
    files: [{ bytes: await phonePhoto({ width, height }), name: "mot-cua.jpg" }],
    kind: "photo",
  });
  if (!out?.ok) throw new Error(`upload refused: ${JSON.stringify(out)}`);
  return out.id;
}

const cookie = (user: string) => `cd_session=${createSession(app.db.handle, user).token}`;

function preview(fields: Record<string, string>) {
  const q = new URLSearchParams({ ...BASE, as: "svg", ...fields });
  return app.handle(
    new Request(`http://localhost/api/preview?${q}`, { headers: { cookie: cookie(USERS.drafter) } }),
  );
}

const preflightOf = (res: Response) =>
  JSON.parse(Buffer.from(res.headers.get("x-preflight") ?? "", "base64url").toString("utf8"));

describe("parsing the choices and the photo", () => {
  it("takes palette, align, font, photo and focus; blank ones are absent", () => {
    const id = "3b0c4a52-8a65-4c1e-9d7e-2f1e5c0b7a11";
    const r = parse({
      palette: "dem-vang",
      align: "left",
      font: "montserrat",
      photo: id,
      focus: "0.25, 0.6",
    });
    expect(r.success && r.data).toMatchObject({ photo: id, focus: { x: 0.25, y: 0.6 } });
    expect(r.success && toRenderInput(r.data).options).toEqual({
      palette: "dem-vang",
      align: "left",
      font: "montserrat",
    });
    const blank = parse({ palette: "", align: " ", font: "", photo: "", focus: "" });
    expect(blank.success && toRenderInput(blank.data).options).toEqual({});
    expect(blank.success && [blank.data.photo, blank.data.focus]).toEqual([undefined, undefined]);
  });

  it("names every new field in RENDER_KEYS, so forms and queries pass them on", () => {
    expect(RENDER_KEYS).toEqual(expect.arrayContaining(["palette", "align", "font", "photo", "focus"]));
  });

  it.each([
    [{ focus: "1.5,0.2" }, "focus", "x và y từ 0 đến 1"],
    [{ focus: "giữa" }, "focus", "x và y từ 0 đến 1"],
    [{ focus: "0.5" }, "focus", "có dạng x,y"],
    [{ align: "right" }, "align", "“giữa” hoặc “trái”"],
    [{ photo: "anh-1.jpg" }, "photo", "Mã ảnh không hợp lệ."],
    [{ palette: "Đỏ vàng" }, "palette", "Mã phối màu không hợp lệ."],
    [{ font: "../fonts" }, "font", "Mã phông chữ không hợp lệ."],
  ])("refuses %o with a Vietnamese message on its field", (fields, field, words) => {
    const r = refusalOf(fields);
    expect(r).toMatchObject({ code: "INVALID_PARAMS", field });
    expect(r.messageVi).toContain(words);
  });
});

describe("resolving the photo from the library", () => {
  it("gives the stored bytes with the asset's focus, else the photo's own, and the stored kit", async () => {
    const id = await photoId();
    const p = parse({ photo: id, focus: "0.1,0.9" });
    if (!p.success) throw p.error;
    const input = await resolveRenderInput(app.db.handle, appObjectStore, p.data);
    expect(input.photo?.focus).toEqual({ x: 0.1, y: 0.9 });
    expect(input.photo?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(input.brand?.issuerLines).toEqual(["Ủy ban nhân dân xã Lạc Phượng"]);
    const own = parse({ photo: id });
    if (!own.success) throw own.error;
    const stored = (await resolveRenderInput(app.db.handle, appObjectStore, own.data)).photo?.focus;
    expect(stored).toBeDefined();
    expect(stored).not.toEqual({ x: 0.1, y: 0.9 });
  });

  it("previews with the photo, cropped around the focus the request gives", async () => {
    const id = await photoId();
    const left = await preview({ photo: id, focus: "0.1,0.5" });
    const right = await preview({ photo: id, focus: "0.9,0.5" });
    expect([left.status, right.status]).toEqual([200, 200]);
    const [l, r] = [preflightOf(left).photo, preflightOf(right).photo];
    expect(l.source).toEqual({ width: 3000, height: 1000 });
    // A 3:1 photo in a 1.9:1 slot: the crop slides along the width towards the focus.
    expect(l.crop.x).toBeLessThan(r.crop.x);
  });

  it("refuses an unknown photo id (422, MEDIA_NOT_FOUND, in Vietnamese), and a retired one", async () => {
    const unknown = await preview({ photo: "3b0c4a52-8a65-4c1e-9d7e-2f1e5c0b7a11" });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toEqual({
      code: "MEDIA_NOT_FOUND",
      error: "Không tìm thấy ảnh trong thư viện.",
    });
    const id = await photoId(1600, 1200);
    setRetired({ db: app.db.handle, userId: USERS.drafter, id, retired: true });
    const retired = await preview({ photo: id });
    expect(retired.status).toBe(422);
    expect((await retired.json()).error).toContain("đã bị ẩn khỏi thư viện");
  });

  it("refuses a bad focus before rendering (400, INVALID_PARAMS, the field and its message)", async () => {
    const res = await preview({ photo: "3b0c4a52-8a65-4c1e-9d7e-2f1e5c0b7a11", focus: "2,2" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: "INVALID_PARAMS",
      field: "focus",
      error: expect.stringContaining("x và y từ 0 đến 1"),
    });
  });
});

describe("a bulk draft with a photo and choices", () => {
  function bulkOne(fields: Record<string, string>) {
    return app.handle(
      new Request("http://localhost/api/bulk-one", {
        method: "POST",
        headers: { cookie: cookie(USERS.drafter), origin: "http://localhost" },
        body: new URLSearchParams({
          item: "cchc-2026:1.12",
          template: "photo-social",
          format: "square-1080",
          ...fields,
        }),
      }),
    );
  }

  it("renders with them and records the photo, its focus, the choice and the kit in the version", async () => {
    const id = await photoId(2400, 1600);
    const res = await bulkOne({ photo: id, focus: "0.3,0.4", palette: "dem-vang" });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    const asset = getAsset(app.db.handle, body.assetId)!;
    const version = getVersion(app.db.handle, asset.currentVersionId!)!;
    expect(version.options).toMatchObject({
      palette: "dem-vang",
      photo: { mediaId: id, focus: { x: 0.3, y: 0.4 }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      brand: { issuerLines: ["Ủy ban nhân dân xã Lạc Phượng"], logo: null },
    });
  });

  it("refuses an unknown photo with the library's message, creating nothing", async () => {
    const res = await bulkOne({ photo: "3b0c4a52-8a65-4c1e-9d7e-2f1e5c0b7a11" });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ ok: false, error: "Không tìm thấy ảnh trong thư viện." });
  });
});
