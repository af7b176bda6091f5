// Warm headless Chromium: launched once, one long-lived page per lane with the fonts already
// decoded, content swapped in place for each image so no navigation is timed.
import { type Browser, chromium, type Page } from "playwright-core";
import { type HtmlJob, type HtmlOutput, shellHtml } from "./html";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export class HtmlLane {
  private viewport = { width: 0, height: 0 };
  constructor(readonly page: Page) {}

  static async open(browser: Browser): Promise<HtmlLane> {
    // A context per lane gives each lane its own renderer process, so two lanes can use two cores.
    const ctx = await browser.newContext({ deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    await page.setContent(shellHtml(), { waitUntil: "load" });
    const failed = await page.evaluate(async () => {
      const bad: string[] = [];
      for (const f of document.fonts) {
        await f.load().catch(() => bad.push(`${f.family} ${f.weight}`));
      }
      return bad;
    });
    if (failed.length) throw new Error(`Chromium could not load fonts: ${failed.join(", ")}`);
    return new HtmlLane(page);
  }

  private async place(html: string, scale: number): Promise<void> {
    await this.page.evaluate(
      ([h, s]) => {
        const root = document.getElementById("root")!;
        root.style.transform = s === 1 ? "" : `scale(${s})`;
        root.innerHTML = h;
        return document.fonts.ready.then(() => undefined);
      },
      [html, scale] as const,
    );
  }

  private async one(html: string, o: HtmlOutput): Promise<Buffer> {
    await this.place(html, o.scale);
    if (o.kind === "png") {
      if (this.viewport.width !== o.width || this.viewport.height !== o.height) {
        this.viewport = { width: o.width, height: o.height };
        await this.page.setViewportSize(this.viewport);
      }
      return this.page.screenshot({ type: "png", clip: { x: 0, y: 0, width: o.width, height: o.height } });
    }
    return this.page.pdf({
      width: `${o.widthMm}mm`,
      height: `${o.heightMm}mm`,
      printBackground: true,
      margin: { top: "0", right: "0", bottom: "0", left: "0" },
      pageRanges: "1",
    });
  }

  async render(job: HtmlJob): Promise<Buffer[]> {
    const out: Buffer[] = [];
    for (const o of job.outputs) out.push(await this.one(job.html, o));
    return out;
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS, headless: true });
}

/** Jobs shared across lanes from one queue; per-job time is what each lane waited for its images. */
export async function runLanes(
  lanes: HtmlLane[],
  jobs: HtmlJob[],
): Promise<{ wallMs: number; perJobMs: number[]; bytes: number[] }> {
  const perJobMs: number[] = new Array(jobs.length);
  const bytes: number[] = new Array(jobs.length);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    lanes.map(async (lane) => {
      while (next < jobs.length) {
        const id = next++;
        const s = performance.now();
        const bufs = await lane.render(jobs[id]);
        perJobMs[id] = performance.now() - s;
        bytes[id] = bufs.reduce((n, b) => n + b.length, 0);
      }
    }),
  );
  return { wallMs: performance.now() - t0, perJobMs, bytes };
}

/** What Chromium actually wrote as the page size: it may differ from what was asked for. */
export function pdfMediaBox(pdf: Buffer): { widthPt: number; heightPt: number; userUnit: number } | null {
  const s = pdf.toString("latin1");
  const m = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(s);
  if (!m) return null;
  const uu = /\/UserUnit\s+([\d.]+)/.exec(s);
  return {
    widthPt: Number(m[3]) - Number(m[1]),
    heightPt: Number(m[4]) - Number(m[2]),
    userUnit: uu ? Number(uu[1]) : 1,
  };
}
