// cropAround: the largest crop of the slot's proportions, the focal point always inside it.
import { describe, expect, it } from "vitest";
import { cropAround, focusInside, focusOnCanvas } from "../../templates/photo/crop";

const SOURCES = [
  { width: 4000, height: 3000 },
  { width: 1080, height: 1920 },
  { width: 600, height: 400 },
  { width: 37, height: 1001 },
];
const ASPECTS = [1 / 10, 9 / 16, 2 / 3, 1, 1200 / 630, 2, 5, 10];
const GRID = [0, 0.01, 0.1, 0.25, 0.333, 0.5, 0.61, 0.75, 0.9, 0.99, 1];

describe("cropAround", () => {
  it("keeps every focal point of a grid inside a crop that stays in the photo and has the aspect", () => {
    let checked = 0;
    for (const src of SOURCES) {
      for (const aspect of ASPECTS) {
        for (const fx of GRID) {
          for (const fy of GRID) {
            const c = cropAround(src, { x: fx, y: fy }, aspect);
            expect(Number.isInteger(c.x) && Number.isInteger(c.y)).toBe(true);
            expect(Number.isInteger(c.width) && Number.isInteger(c.height)).toBe(true);
            expect(c.x).toBeGreaterThanOrEqual(0);
            expect(c.y).toBeGreaterThanOrEqual(0);
            expect(c.x + c.width).toBeLessThanOrEqual(src.width);
            expect(c.y + c.height).toBeLessThanOrEqual(src.height);
            expect(c.width).toBeGreaterThanOrEqual(1);
            expect(c.height).toBeGreaterThanOrEqual(1);
            // The largest: one side spans the photo.
            expect(c.width === src.width || c.height === src.height).toBe(true);
            // The aspect, to within the rounding of one pixel on the shorter crop side.
            if (Math.min(c.width, c.height) > 20) {
              expect(Math.abs(c.width / c.height - aspect) / aspect).toBeLessThan(
                1 / Math.min(c.width, c.height) + 1e-9,
              );
            }
            expect(focusInside(src, { x: fx, y: fy }, c)).toBe(true);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(SOURCES.length * ASPECTS.length * GRID.length * GRID.length);
  });

  it("centres the focal point when the edges allow it", () => {
    const c = cropAround({ width: 4000, height: 3000 }, { x: 0.5, y: 0.5 }, 1);
    expect(c).toEqual({ x: 500, y: 0, width: 3000, height: 3000 });
    const off = cropAround({ width: 4000, height: 3000 }, { x: 0.6, y: 0.2 }, 1);
    expect(off.x + off.width / 2).toBe(2400);
  });

  it("slides against the edge when the focal point is near it", () => {
    expect(cropAround({ width: 4000, height: 3000 }, { x: 0.05, y: 0.5 }, 1).x).toBe(0);
    expect(cropAround({ width: 4000, height: 3000 }, { x: 0.98, y: 0.5 }, 1).x).toBe(1000);
    // A 10:1 strip from a 4:3 photo: full width, 400 px high, around the point.
    const strip = cropAround({ width: 4000, height: 3000 }, { x: 0.5, y: 0.9 }, 10);
    expect(strip).toEqual({ x: 0, y: 2500, width: 4000, height: 400 });
  });

  it("clamps focal points outside 0–1 and survives a bad aspect", () => {
    const c = cropAround({ width: 1000, height: 500 }, { x: 3, y: -1 }, 1);
    expect(c).toEqual({ x: 500, y: 0, width: 500, height: 500 });
    expect(cropAround({ width: 1000, height: 500 }, { x: 0.5, y: 0.5 }, 0).width).toBe(500);
  });

  it("maps the focal point onto the slot", () => {
    const src = { width: 4000, height: 3000 };
    const crop = cropAround(src, { x: 0.5, y: 0.5 }, 2);
    const p = focusOnCanvas(src, { x: 0.5, y: 0.5 }, crop, { x: 100, y: 50, width: 200, height: 100 });
    expect(p.x).toBeCloseTo(200, 6);
    expect(p.y).toBeCloseTo(100, 6);
  });
});
