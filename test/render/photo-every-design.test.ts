// Every design with a photo slot × every format it supports, with a generated photo large enough
// for all of them: the focal point stays inside the crop and the slot, preflight finds nothing
// wrong, and the text over the photo keeps 4.5:1 on the photo's pixels with the design's scrims.
import { beforeAll, describe, expect, it } from "vitest";
import { TEMPLATES, formatsFor } from "../../templates/catalog";
import { getFormat } from "../../templates/formats";
import { contrastOnPhoto, PHOTO_TEXT_MIN_CONTRAST } from "../../templates/photo/contrast";
import { focusInside, focusOnCanvas } from "../../templates/photo/crop";
import { fitPhotoInput } from "../../templates/photo/fit.server";
import type { FocalPoint } from "../../templates/photo/types";
import { drawnLinesByPlacement, textPaths } from "../../templates/preflight";
import { checkRendered, renderSvg } from "../../templates/render/index.server";
import { TEST_PHOTO_SUBJECT, makeTestPhoto } from "../support/photo-fixture";

const designs = TEMPLATES.filter((t) => t.photo);
const cases = designs.flatMap((t) => formatsFor(t).map((f) => [t.id, f.id] as const));
// The subject, and a point in a corner that pushes the crop against two edges.
const FOCI: FocalPoint[] = [TEST_PHOTO_SUBJECT, { x: 0.04, y: 0.93 }];
const TEXT = "Người dân hài lòng là thước đo hiệu quả phục vụ";
/** Drawn lines measured over a photo, across the cases (they run in order, before the last test). */
let overPhoto = 0;

let bytes: Buffer;
beforeAll(async () => {
  // 19 megapixels: enough for the largest slot of every format at its required resolution.
  bytes = await makeTestPhoto({ width: 5400, height: 3600, seed: 5 });
});

describe("photo designs × formats", () => {
  it("there are photo designs to check (at least three, for screens, posters and backdrops)", () => {
    expect(designs.length).toBeGreaterThanOrEqual(3);
    const kinds = new Set(cases.map(([, f]) => getFormat(f).kind));
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect([...kinds].sort()).toEqual(["banner", "poster", "screen"]);
  });

  for (const [templateId, formatId] of cases) {
    it(`${templateId} × ${formatId}`, async () => {
      for (const focus of FOCI) {
        const input = await fitPhotoInput(templateId, formatId, { text: TEXT, photo: { bytes, focus } });
        const fit = input.photoFit!;
        expect(fit).toBeDefined();
        expect(focusInside(fit.source, focus, fit.crop)).toBe(true);
        const at = focusOnCanvas(fit.source, focus, fit.crop, fit.slot);
        expect(at.x).toBeGreaterThanOrEqual(fit.slot.x - 1e-6);
        expect(at.x).toBeLessThanOrEqual(fit.slot.x + fit.slot.width + 1e-6);
        expect(at.y).toBeGreaterThanOrEqual(fit.slot.y - 1e-6);
        expect(at.y).toBeLessThanOrEqual(fit.slot.y + fit.slot.height + 1e-6);
        const r = await renderSvg(templateId, formatId, input);
        const report = checkRendered(r, [], fit);
        expect(report.errors, `${templateId} × ${formatId} at ${focus.x},${focus.y}`).toEqual([]);
        expect(
          report.warnings.filter((w) => w.code === "LOW_CONTRAST" || w.code === "LOW_RESOLUTION"),
        ).toEqual([]);
        if (fit.requiredPpi !== null) expect(fit.effectivePpi!).toBeGreaterThanOrEqual(fit.requiredPpi);
        // Measured here too, on each drawn line's ink over the photo, with the scrims the design reported.
        const scrims = r.design.photo?.scrims ?? [];
        const lines = drawnLinesByPlacement(r.design.texts, textPaths(r.svg));
        r.design.texts.forEach((t, i) => {
          for (const line of lines[i]) {
            const c = contrastOnPhoto(fit, line, t.color, scrims);
            if (!Number.isFinite(c.minRatio)) continue; // not over the photo
            overPhoto++;
            expect(c.minRatio, `${t.label} at ${JSON.stringify(c.worstPixel)}`).toBeGreaterThanOrEqual(
              PHOTO_TEXT_MIN_CONTRAST,
            );
          }
        });
      }
    });
  }

  it("measured text drawn over a photo (some design sets its slogan on the photo)", () => {
    expect(overPhoto).toBeGreaterThan(0);
  });
});
