import { describe, expect, it } from "vitest";
import { previewParams } from "../../app/components/LivePreview";
import { DEFAULT_BRAND } from "../../templates/brand";
import { formatsFor, TEMPLATES } from "../../templates/catalog";
import { pngSize } from "../../templates/render/thumbnail.server";
import { createSession } from "../../storage/users";
import { USERS } from "../support/db";
import { appUnderTest } from "../support/remix-app";

// Issue 14 §4: the editor shows only the controls the chosen design allows (palette swatches,
// alignment and font when there is more than one, the photo where the design has a slot), the
// design and format pickers show pictures, and the preview draws what is chosen.

const app = await appUnderTest({ files: true });

function get(path: string, user: string | null = USERS.drafter): Promise<Response> {
  const headers = new Headers({ host: "localhost" });
  if (user) headers.set("cookie", `cd_session=${createSession(app.db.handle, user).token}`);
  return app.handle(new Request(`http://localhost${path}`, { headers }));
}

/** The `<input>` tags of the page named `name`. */
const inputs = (html: string, name: string) =>
  [...html.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes(` name="${name}"`));

const choiceCount = (list: readonly unknown[] | undefined, withDefault: boolean) =>
  (list?.length ?? 0) > 1 ? list!.length + (withDefault ? 1 : 0) : 0;

describe("the editor's design controls", () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))(
    "on %s offer exactly what the design allows",
    async (id, t) => {
      const res = await get(`/editor?template=${id}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const template = inputs(html, "template");
      expect(template).toHaveLength(TEMPLATES.length);
      expect(template.find((tag) => tag.includes(`value="${id}"`))).toMatch(/checked/);
      expect(inputs(html, "palette")).toHaveLength(choiceCount(t.controls.palettes, false));
      expect(inputs(html, "align")).toHaveLength(choiceCount(t.controls.aligns, true));
      expect(inputs(html, "font")).toHaveLength(choiceCount(t.controls.fonts, true));
      // The photo picker only where the design has a slot; "no photo" only where the slot is optional.
      expect(html.includes('data-testid="media-picker"')).toBe(!!t.photo);
      expect(inputs(html, "photo").some((tag) => tag.includes('value=""'))).toBe(
        !!t.photo && !t.photo.required,
      );
      // The first variant is the one chosen until another is.
      if (t.controls.palettes.length > 1) {
        expect(inputs(html, "palette")[0]).toMatch(/checked/);
        for (const p of t.controls.palettes) expect(html).toContain(`>${p.name}<`);
      }
      // Formats the design lays out, each drawn at its proportions.
      expect(inputs(html, "formats")).toHaveLength(formatsFor(t).length);
    },
  );

  it("names the alignment and font choices and shows the palette's brand colours", async () => {
    const html = await (await get("/editor?template=chinh-quyen-so")).text();
    expect(html).toContain("Căn lề khẩu hiệu");
    expect(html).toContain("Căn trái");
    expect(html).toContain("Phông chữ khẩu hiệu");
    expect(html).toContain("Montserrat");
    // Swatches show the brand kit's colours of each variant.
    expect(html).toContain(`background:${DEFAULT_BRAND.palette.night.rgb}`);
    expect(html).toContain(`background:${DEFAULT_BRAND.palette.navy.rgb}`);
    const traditional = await (await get("/editor?template=co-dong-truyen-thong")).text();
    expect(traditional).not.toContain("Căn lề khẩu hiệu");
  });

  it("shows every design's thumbnail and every format's proportions", async () => {
    const html = await (await get("/editor")).text();
    for (const t of TEMPLATES) expect(html).toMatch(new RegExp(`src="/thumbs/${t.id}\\?v=[^"]+"`));
    expect(html).toMatch(/class="fmt-box" style="aspect-ratio:7000 \/ 1000;width:100%"/);
    expect(html).toMatch(/class="fmt-box" style="aspect-ratio:600 \/ 2000;height:100%"/);
  });
});

describe("the design thumbnails", () => {
  it("are PNGs of at most 480 px, kept by the browser once versioned", async () => {
    const res = await get("/thumbs/co-dong-truyen-thong?v=1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toContain("immutable");
    const png = new Uint8Array(await res.arrayBuffer());
    const size = pngSize(png);
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(480);
    expect(size.width / size.height).toBeCloseTo(1200 / 630, 1);
    // Made once: the same bytes again, from memory.
    const again = new Uint8Array(await (await get("/thumbs/co-dong-truyen-thong")).arrayBuffer());
    expect(Buffer.from(again).equals(Buffer.from(png))).toBe(true);
  });

  it("an unversioned request is kept only briefly", async () => {
    const res = await get("/thumbs/hanh-chinh-hien-dai");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
  });

  it("a design with a photo slot is drawn with a made-up photo, nothing fetched", async () => {
    const photoDesign = TEMPLATES.find((t) => t.photo);
    if (!photoDesign) return;
    const res = await get(`/thumbs/${photoDesign.id}?v=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
  });

  it("an unknown design is 404; signed out is sent to sign in; a print shop may not look", async () => {
    expect((await get("/thumbs/khong-co?v=1")).status).toBe(404);
    const out = await get("/thumbs/co-dong-truyen-thong", null);
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toMatch(/^\/login/);
    expect((await get("/thumbs/co-dong-truyen-thong", USERS.printer)).status).toBe(403);
  });
});

describe("the live preview of the choices", () => {
  const fields = {
    template: "co-dong-truyen-thong",
    format: "fb-link-1200x630",
    text: "Xây dựng *chính quyền số*, phục vụ Nhân dân",
    lines: { subtitle: "", issuer: "" },
    choices: { palette: "xanh-trang", align: "", font: "be-vietnam-pro", photo: "" },
  };

  it("sends the chosen variant and font, and leaves defaults out", () => {
    expect(previewParams(fields)).toEqual({
      template: "co-dong-truyen-thong",
      format: "fb-link-1200x630",
      text: fields.text,
      as: "svg",
      palette: "xanh-trang",
      font: "be-vietnam-pro",
    });
    expect(previewParams({ ...fields, text: "  " })).toBeNull();
  });

  it("is drawn in the chosen variant with the emphasis colour", async () => {
    const res = await get(`/api/preview?${new URLSearchParams(previewParams(fields)!)}`);
    expect(res.status).toBe(200);
    const svg = await res.text();
    expect(svg).toContain(`fill="${DEFAULT_BRAND.palette.navy.rgb}"`);
    expect(svg).toContain(`fill="${DEFAULT_BRAND.palette.accent.rgb}"`);
  });

  it("refuses a variant the design does not have, in Vietnamese", async () => {
    const q = new URLSearchParams(
      previewParams({ ...fields, choices: { ...fields.choices, palette: "xanh-dem" } })!,
    );
    const res = await get(`/api/preview?${q}`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; error: string };
    expect(body.code).toBe("INVALID_OPTIONS");
    expect(body.error).toContain("phối màu");
  });
});
