import { describe, expect, it } from "vitest";
import { formatsFor, getTemplate, supports, TEMPLATES } from "../../templates/catalog";
import { FORMATS } from "../../templates/formats";
import { checkRendered, renderSvg } from "../../templates/render/index.server";
import { withTestPhoto } from "../support/photo-designs-input";

// The editor and the bulk page offer formatsFor(template); the server renders with the same rule.
describe("formats offered for a design (templates/catalog.ts formatsFor)", () => {
  it("are exactly the formats the design supports, in catalogue order", () => {
    for (const t of TEMPLATES) {
      expect(formatsFor(t)).toEqual(FORMATS.filter((f) => supports(t, f)));
      expect(formatsFor(t).length, t.id).toBeGreaterThan(0);
    }
  });

  it("leave out a format of the design's kind whose proportions it has no layout for", () => {
    const poster = getTemplate("ap-phich-trang-trong");
    const web = FORMATS.find((f) => f.id === "web-banner-1920x400");
    expect(web && poster.kinds.includes(web.kind)).toBe(true);
    expect(formatsFor(poster).map((f) => f.id)).not.toContain("web-banner-1920x400");
  });

  const offered = TEMPLATES.flatMap((t) => formatsFor(t).map((f) => [t.id, f.id] as const));
  it.each(offered)("%s renders %s", async (template, format) => {
    const r = await renderSvg(
      template,
      format,
      await withTestPhoto(template, format, { text: "Người dân hài lòng là thước đo hiệu quả phục vụ" }),
    );
    expect(checkRendered(r).errors).toEqual([]);
  });
});
