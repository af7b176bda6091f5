import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { isRenderError } from "../../templates/errors";
import { renderAssetFiles, renderPreview } from "../../templates/render/index.server";
import { defaultPoolSize, RenderPool } from "../../templates/render/pool.server";

const pool = new RenderPool(2);
afterAll(() => pool.close());

describe("render pool (worker threads)", () => {
  it("renders exactly what the in-thread renderer renders", async () => {
    const input = { text: "Người dân hài lòng là thước đo hiệu quả phục vụ" };
    const [a, b] = await Promise.all([
      pool.preview("co-dong-truyen-thong", "fb-link-1200x630", input, { maxPx: 900 }),
      renderPreview("co-dong-truyen-thong", "fb-link-1200x630", input, { maxPx: 900 }),
    ]);
    expect(a.image.equals(b.image)).toBe(true);
    expect(a.contentType).toBe("image/png");
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

  it("renders a version's files byte for byte as the in-thread renderer does", async () => {
    const input = { text: "Một cửa liên thông – nhanh gọn, đúng hẹn" };
    const slug = { assetCode: "LP-2026-0007", version: "Phiên bản 1", date: "28/11/2026" };
    const when = new Date("2026-11-28T03:00:00Z");
    const [a, b] = await Promise.all([
      pool.files("co-dong-truyen-thong", "bang-ron-0.8x5", input, slug, when),
      renderAssetFiles("co-dong-truyen-thong", "bang-ron-0.8x5", input, slug, when),
    ]);
    expect(a.files.map((f) => f.kind)).toEqual(["pdf", "png", "svg"]);
    for (const [i, f] of a.files.entries()) {
      expect(f.contentType).toBe(b.files[i].contentType);
      expect(Buffer.from(f.bytes).equals(Buffer.from(b.files[i].bytes))).toBe(true);
    }
    expect(a.preflight).toEqual(b.preflight);
  });

  it("drops a queued preview whose request was aborted, and still serves the rest", async () => {
    const busy = new RenderPool(1);
    try {
      const input = { text: "Chuyển đổi số vì người dân" };
      await busy.preview("chinh-quyen-so", "square-1080", input, { maxPx: 200 }); // worker up
      const first = busy.preview("chinh-quyen-so", "square-1080", input, { maxPx: 300 });
      const ctrl = new AbortController();
      const dropped = busy.preview("chinh-quyen-so", "square-1080", input, {
        maxPx: 300,
        signal: ctrl.signal,
      });
      const last = busy.preview("chinh-quyen-so", "story-1080x1920", input, { maxPx: 300 });
      expect(busy.queued).toBe(2);
      ctrl.abort();
      await expect(dropped).rejects.toMatchObject({ name: "AbortError" });
      expect(busy.queued).toBe(1);
      expect((await first).width).toBe(300);
      expect((await last).height).toBe(300);
    } finally {
      await busy.close();
    }
  });

  it("renders a waiting preview before waiting version files", async () => {
    const one = new RenderPool(1);
    try {
      const input = { text: "Xã Lạc Phượng chuyển đổi số" };
      await one.preview("chinh-quyen-so", "square-1080", input, { maxPx: 200 }); // worker up
      const slug = { assetCode: "LP-2026-0009", date: "28/11/2026" };
      const done: string[] = [];
      const track = (name: string, p: Promise<unknown>) => p.then(() => done.push(name));
      await Promise.all([
        track("files 1", one.files("co-dong-truyen-thong", "bang-ron-0.8x5", input, slug)),
        track("files 2", one.files("co-dong-truyen-thong", "bang-ron-0.8x5", input, slug)),
        track("preview", one.preview("chinh-quyen-so", "square-1080", input, { maxPx: 300 })),
      ]);
      expect(done).toEqual(["files 1", "preview", "files 2"]);
    } finally {
      await one.close();
    }
  });

  it("hands back render errors with their stable code and Vietnamese message", async () => {
    const err = await pool.preview("co-dong-truyen-thong", "khong-co", { text: "x" }).catch((e) => e);
    expect(isRenderError(err)).toBe(true);
    expect(err.code).toBe("UNKNOWN_FORMAT");
    expect(err.messageVi).toMatch(/Không có khổ/);
  });

  it("fails the waiting jobs when its worker cannot start, instead of leaving them hanging", async () => {
    const broken = new RenderPool(1, fileURLToPath(new URL("./fixtures/broken-worker.mjs", import.meta.url)));
    try {
      const err = await broken.preview("chinh-quyen-so", "square-1080", { text: "x" }).catch((e) => e);
      expect(String(err)).toMatch(/broken worker bundle/);
      expect(broken.queued).toBe(0);
    } finally {
      await broken.close();
    }
  });

  it("keeps the process alive while it renders, and lets it exit once idle", () => {
    const script = fileURLToPath(new URL("./fixtures/pool-then-exit.ts", import.meta.url));
    const run = spawnSync(process.execPath, ["--import", "tsx", script], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.signal).toBeNull(); // killed by the timeout = an idle pool held the process open
    expect(run.status).toBe(0); // 13 = exited with the render still pending
    expect(run.stdout).toContain("rendered 300x158");
  }, 70_000);

  it("without RENDER_WORKERS takes one worker per core but one, 1 to 4", () => {
    expect(defaultPoolSize(8)).toBe(4);
    expect(defaultPoolSize(3)).toBe(2);
    expect(defaultPoolSize(2)).toBe(1);
    expect(defaultPoolSize(1)).toBe(1);
  });

  it("hands its memory budget (RENDER_RSS_BUDGET_MB) to each worker", async () => {
    const echo = new RenderPool(
      1,
      fileURLToPath(new URL("./fixtures/echo-worker-data.mjs", import.meta.url)),
      123,
    );
    try {
      expect(await echo.preview("chinh-quyen-so", "square-1080", { text: "x" })).toEqual({
        rssBudgetMb: 123,
      });
    } finally {
      await echo.close();
    }
  });
});
