import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { supports, TEMPLATES } from "../../templates/catalog";
import { parseHex } from "../../templates/color";
import { FORMATS } from "../../templates/formats";
import { checkRendered, renderSvg } from "../../templates/render/index.server";
import { withTestPhoto } from "../support/photo-designs-input";

const SLOGANS = [
  "Người dân hài lòng là thước đo hiệu quả phục vụ",
  "Chủ động thực thi; phát huy động lực; tăng trưởng bứt phá",
];
const cases = TEMPLATES.flatMap((t) =>
  FORMATS.filter((f) => supports(t, f)).map((f) => [t.id, f.id] as const),
);

/** Share of pixels in a box whose colour is within a small distance of `hex`. */
function inkShare(
  px: Buffer,
  width: number,
  box: { x: number; y: number; width: number; height: number },
  scale: number,
  hex: string,
) {
  const [r, g, b] = parseHex(hex);
  let hit = 0;
  let all = 0;
  const x0 = Math.floor(box.x * scale);
  const y0 = Math.floor(box.y * scale);
  const x1 = Math.ceil((box.x + box.width) * scale);
  const y1 = Math.ceil((box.y + box.height) * scale);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * 4;
      all++;
      if (Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) < 60) hit++;
    }
  }
  return hit / all;
}

describe("every template renders every format of its kind", () => {
  expect(cases.length).toBeGreaterThanOrEqual(50);
  for (const [template, format] of cases) {
    it(`${template} × ${format}`, async () => {
      for (const text of SLOGANS) {
        const r = await renderSvg(template, format, await withTestPhoto(template, format, { text }));
        const rep = checkRendered(r);
        expect(rep.errors).toEqual([]);
        const maxSide = 600;
        const scale = maxSide / Math.max(r.canvas.width, r.canvas.height);
        const img = new Resvg(r.svg, {
          fitTo: { mode: "zoom", value: scale },
          font: { loadSystemFonts: false },
        }).render();
        const primary = r.design.texts.find((t) => t.role === "primary")!;
        // The slogan's own colour covers a real part of its box (text is there) …
        expect(inkShare(img.pixels as Buffer, img.width, primary.box, scale, primary.color)).toBeGreaterThan(
          0.04,
        );
        // … and the image is not one flat colour.
        const whole = { x: 0, y: 0, width: r.canvas.width - 1 / scale, height: r.canvas.height - 1 / scale };
        expect(inkShare(img.pixels as Buffer, img.width, whole, scale, primary.background)).toBeLessThan(
          0.97,
        );
        expect(primary.lines.join(" ")).toBe(text.toLocaleUpperCase("vi-VN"));
      }
    });
  }
});

describe("a design without a layout for a shape refuses it", () => {
  it("the poster has no strip-banner layout", async () => {
    await expect(
      renderSvg("ap-phich-trang-trong", "web-banner-1920x400", { text: "Cải cách hành chính" }),
    ).rejects.toMatchObject({
      code: "FORMAT_NOT_SUPPORTED",
    });
  });
});
