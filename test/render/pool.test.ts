import { afterAll, describe, expect, it } from "vitest";
import { isRenderError } from "../../templates/errors";
import { renderPreview } from "../../templates/render/index.server";
import { poolSizeFromEnv, RenderPool } from "../../templates/render/pool.server";

const pool = new RenderPool(2);
afterAll(() => pool.close());

describe("render pool (worker threads)", () => {
  it("renders exactly what the in-thread renderer renders", async () => {
    const input = { text: "Người dân hài lòng là thước đo hiệu quả phục vụ" };
    const [a, b] = await Promise.all([
      pool.preview("co-dong-truyen-thong", "fb-link-1200x630", input, { maxPx: 900 }),
      renderPreview("co-dong-truyen-thong", "fb-link-1200x630", input, { maxPx: 900 }),
    ]);
    expect(a.png.equals(b.png)).toBe(true);
    expect([a.width, a.height]).toEqual([900, 473]);
    expect(a.preflight).toEqual(b.preflight);
  });

  it("serves many requests at once, each with its own answer", async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `Cải cách hành chính ${i + 1}`);
    const out = await Promise.all(
      texts.map((text) => pool.preview("chinh-quyen-so", "square-1080", { text }, { maxPx: 400 })),
    );
    const lines = out.map((p) => p.texts.find((t) => t.role === "primary")!.lines.join(" "));
    expect(lines).toEqual(texts.map((t) => t.toLocaleUpperCase("vi-VN")));
  });

  it("hands back render errors with their stable code and Vietnamese message", async () => {
    const err = await pool.preview("co-dong-truyen-thong", "khong-co", { text: "x" }).catch((e) => e);
    expect(isRenderError(err)).toBe(true);
    expect(err.code).toBe("UNKNOWN_FORMAT");
    expect(err.messageVi).toMatch(/Không có khổ/);
  });

  it("sizes itself from RENDER_WORKERS", () => {
    expect(poolSizeFromEnv({ RENDER_WORKERS: "0" })).toBe(0);
    expect(poolSizeFromEnv({ RENDER_WORKERS: "3" })).toBe(3);
    expect(() => poolSizeFromEnv({ RENDER_WORKERS: "lots" })).toThrow(/RENDER_WORKERS/);
    expect(poolSizeFromEnv({})).toBe(0);
  });
});
