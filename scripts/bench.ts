// npm run bench [-- --quick --no-raster --no-profile --engine-only --only=png-1200x630,bulk]
// npm run -s bench -- --json
// Renders the same designs with the engine (satori → resvg / pdf-lib) and as equivalent HTML in a
// warm headless Chromium, and reports latency, two-core throughput, bytes and peak memory.
// Progress goes to stderr so `--json` leaves stdout to the JSON array alone.
// The main thread only hands out jobs while the workers are measured: the engine, Chromium and
// the profiler are imported after that phase, so the peak reported is what a two-worker render
// service holds (bare node, see scripts/bench/build.ts), not the harness.
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { BULK_FORMATS, bulkJobs, CASES, type CaseDef, caseJobs, type Job } from "./bench/cases";
import { BENCH_RSS_BUDGET_MB, EnginePool } from "./bench/pool";
import type { StageTimes } from "./bench/profile";
import { ChildTreeSampler, median, p95, ProcessPeak } from "./bench/stats";

const argv = process.argv.slice(2);
const JSON_OUT = argv.includes("--json");
const QUICK = argv.includes("--quick");
const RASTER = !argv.includes("--no-raster");
const PROFILE = !argv.includes("--no-profile");
const CHROMIUM = !argv.includes("--engine-only");
/** Case ids (see ./bench/cases) and `bulk` to run; everything when absent. */
const ONLY = argv
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const wanted = (id: string) => !ONLY || ONLY.includes(id);
const WORKERS = 2;
const SAMPLE_DIR = join(tmpdir(), "co-dong-bench");

interface Row {
  case: string;
  engine: "engine" | "chromium";
  medianMs: number;
  p95Ms: number;
  /** Median output size per image (bulk: total of the whole run). */
  bytes: number;
  peakRssMb: number;
  /** Images per second with two workers (engine) or two pages (Chromium). */
  imagesPerS: number | null;
  n: number;
  maxBytes: number;
  wallMs?: number;
  note?: string;
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const say = (msg = "") => {
  if (!JSON_OUT) process.stdout.write(`${msg}\n`);
};
const scaled = (n: number) => (QUICK ? Math.max(2, Math.ceil(n / 5)) : n);
const r1 = (v: number) => Math.round(v * 10) / 10;
const mb = (bytes: number) => bytes / 1024 / 1024;

function saveSample(caseId: string, engine: string, files: { name: string; data: Uint8Array }[]) {
  mkdirSync(SAMPLE_DIR, { recursive: true });
  for (const f of files) writeFileSync(join(SAMPLE_DIR, `${caseId}.${engine}.${f.name}`), f.data);
}

const peak = new ProcessPeak();

/**
 * Latency is timed one job at a time in worker 0 (the other worker idles) so the main thread never
 * loads the engine and the process holds exactly what a two-worker render service would.
 */
async function engineCase(c: CaseDef, pool: EnginePool): Promise<Row> {
  log(
    `engine   ${c.label}: ${c.engineWarmup} warm-up, ${c.iterations} timed${c.throughputJobs ? `, ${c.throughputJobs} on 2 workers` : ""}`,
  );
  await pool.run(caseJobs(c, c.engineWarmup, 7), 1);
  peak.reset();
  const single = await pool.run(caseJobs(c, c.iterations), 1);
  const run = await pool.run(caseJobs(c, c.throughputJobs, 3));
  return {
    case: c.label,
    engine: "engine",
    medianMs: median(single.perJobMs),
    p95Ms: p95(single.perJobMs),
    bytes: median(single.bytes),
    maxBytes: Math.max(...single.bytes),
    peakRssMb: peak.readMb().mb,
    imagesPerS: c.throughputJobs / (run.wallMs / 1000),
    n: single.perJobMs.length,
  };
}

/** Multi-GB and ~30 s: timed in the main thread once, after everything else has been measured. */
async function rasterCase(c: CaseDef): Promise<Row> {
  log(`engine   ${c.label}: ${c.iterations} timed (main thread)`);
  peak.reset();
  const { runEngine } = await import("./bench/engine");
  const ms: number[] = [];
  const bytes: number[] = [];
  let note: string | undefined;
  for (const job of caseJobs(c, c.iterations)) {
    const t0 = performance.now();
    const r = await runEngine(job, true);
    ms.push(performance.now() - t0);
    bytes.push(r.bytes);
    note = r.note;
    if (r.files) saveSample(c.id, "engine", r.files);
  }
  return {
    case: c.label,
    engine: "engine",
    medianMs: median(ms),
    p95Ms: p95(ms),
    bytes: median(bytes),
    maxBytes: Math.max(...bytes),
    peakRssMb: peak.readMb().mb,
    imagesPerS: null,
    n: ms.length,
    note: `${note ?? ""}; peak is the main thread alone, no workers`,
  };
}

async function engineBulk(pool: EnginePool, jobs: Job[]): Promise<Row> {
  log(`engine   bulk: ${jobs.length} designs on ${WORKERS} workers`);
  peak.reset();
  const run = await pool.run(jobs);
  return {
    case: bulkLabel(jobs.length),
    engine: "engine",
    medianMs: median(run.perJobMs),
    p95Ms: p95(run.perJobMs),
    bytes: run.bytes.reduce((a, b) => a + b, 0),
    maxBytes: Math.max(...run.bytes),
    peakRssMb: peak.readMb().mb,
    imagesPerS: jobs.length / (run.wallMs / 1000),
    n: jobs.length,
    wallMs: run.wallMs,
  };
}

const bulkLabel = (n: number) => `whole plan bulk (${n} designs, PNG + PDF)`;

async function chromiumPhase(cases: CaseDef[], bulk: Job[]): Promise<Row[]> {
  const { launchChromium, HtmlLane, pdfMediaBox, runLanes } = await import("./bench/chromium");
  const { htmlFor } = await import("./bench/html");
  const browser = await launchChromium();
  const rows: Row[] = [];
  try {
    const lanes = await Promise.all(Array.from({ length: WORKERS }, () => HtmlLane.open(browser)));
    const sampler = new ChildTreeSampler();
    for (const c of cases) {
      log(`chromium ${c.label}: ${c.iterations} timed, ${c.throughputJobs} on 2 pages`);
      const lane = lanes[0];
      // A fresh Chromium page needs ~10 renders before screenshots settle, on every lane.
      await runLanes(
        lanes,
        caseJobs(c, c.warmup * lanes.length, 7).map((j) => htmlFor(j)),
      );
      for (const job of caseJobs(c, c.warmup, 7)) await lane.render(htmlFor(job));
      for (const job of caseJobs(c, c.throughputJobs, 3)) htmlFor(job);
      const first = await lane.render(htmlFor(caseJobs(c, 1)[0]));
      saveSample(
        c.id,
        "chromium",
        first.map((b, i) => ({
          name: `${i}.${b.subarray(0, 4).toString() === "%PDF" ? "pdf" : "png"}`,
          data: b,
        })),
      );
      let note: string | undefined;
      const box = first[0].subarray(0, 4).toString() === "%PDF" ? pdfMediaBox(first[0]) : null;
      if (box) {
        const wMm = (box.widthPt * box.userUnit * 25.4) / 72;
        const hMm = (box.heightPt * box.userUnit * 25.4) / 72;
        const over = Math.max(box.widthPt, box.heightPt) > 14400 && box.userUnit === 1;
        note =
          `page ${Math.round(wMm)}×${Math.round(hMm)} mm (MediaBox ${r1(box.widthPt)}×${r1(box.heightPt)} pt` +
          `${box.userUnit !== 1 ? `, UserUnit ${box.userUnit}` : ""})` +
          (over ? "; exceeds the 14 400-unit PDF limit without UserUnit" : "") +
          "; no crop marks/slug";
      }
      sampler.start();
      const ms: number[] = [];
      const bytes: number[] = [];
      for (const job of caseJobs(c, c.iterations)) {
        const h = htmlFor(job);
        const t0 = performance.now();
        const bufs = await lane.render(h);
        ms.push(performance.now() - t0);
        bytes.push(bufs.reduce((n, b) => n + b.length, 0));
      }
      const run = await runLanes(
        lanes,
        caseJobs(c, c.throughputJobs, 3).map((j) => htmlFor(j)),
      );
      rows.push({
        case: c.label,
        engine: "chromium",
        medianMs: median(ms),
        p95Ms: p95(ms),
        bytes: median(bytes),
        maxBytes: Math.max(...bytes),
        peakRssMb: sampler.stopMb(),
        imagesPerS: c.throughputJobs / (run.wallMs / 1000),
        n: ms.length,
        note,
      });
    }
    if (bulk.length) {
      log(`chromium bulk: ${bulk.length} designs on 2 pages`);
      const html = bulk.map((j) => htmlFor(j));
      for (const f of BULK_FORMATS)
        await lanes[0].render(htmlFor({ ...f, text: bulk[0].text, output: "asset" }));
      sampler.start();
      const run = await runLanes(lanes, html);
      rows.push({
        case: bulkLabel(bulk.length),
        engine: "chromium",
        medianMs: median(run.perJobMs),
        p95Ms: p95(run.perJobMs),
        bytes: run.bytes.reduce((a, b) => a + b, 0),
        maxBytes: Math.max(...run.bytes),
        peakRssMb: sampler.stopMb(),
        imagesPerS: bulk.length / (run.wallMs / 1000),
        n: bulk.length,
        wallMs: run.wallMs,
      });
    }
  } finally {
    await browser.close();
  }
  return rows;
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

function table(head: string[], body: string[][], rightFrom = 1): void {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => pad(c ?? "", widths[i], i >= rightFrom && i < head.length - 1)).join("  ");
  say(line(head));
  say(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of body) say(line(r));
}

function report(rows: Row[], stages: StageTimes[], totalS: number): void {
  say(`\nCổ động render benchmark — ${WORKERS} workers, Node ${process.version}${QUICK ? " (quick)" : ""}`);
  say("engine = satori → resvg / pdf-lib; chromium = same design as HTML, warm headless Chromium\n");
  table(
    ["case", "engine", "n", "median ms", "p95 ms", "img/s (2 cores)", "bytes", "peak RSS MB", "note"],
    rows.map((r) => [
      r.case,
      r.engine,
      String(r.n),
      r1(r.medianMs).toFixed(1),
      r1(r.p95Ms).toFixed(1),
      r.imagesPerS === null ? "—" : r.imagesPerS.toFixed(1),
      r.wallMs !== undefined ? `${mb(r.bytes).toFixed(1)} MB total` : `${(r.bytes / 1024).toFixed(1)} KB`,
      r.peakRssMb.toFixed(0),
      (r.wallMs !== undefined ? `wall ${(r.wallMs / 1000).toFixed(1)} s. ` : "") + (r.note ?? ""),
    ]),
    2,
  );

  say("\nEngine vs Chromium (×: how many times faster / smaller / leaner the engine is)");
  const ratioRows: string[][] = [];
  for (const e of rows.filter((r) => r.engine === "engine")) {
    const c = rows.find((r) => r.engine === "chromium" && r.case === e.case);
    if (!c) continue;
    const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    ratioRows.push([
      e.case,
      x(c.medianMs, e.medianMs),
      x(c.p95Ms, e.p95Ms),
      e.imagesPerS && c.imagesPerS ? x(e.imagesPerS, c.imagesPerS) : "—",
      x(c.bytes, e.bytes),
      x(c.peakRssMb, e.peakRssMb),
    ]);
  }
  table(["case", "median", "p95", "img/s", "bytes", "peak RSS"], ratioRows);

  say("\nTargets");
  const get = (id: string, engine: Row["engine"]) => {
    const label = CASES.find((c) => c.id === id)?.label;
    return rows.find((r) => r.case === label && r.engine === engine);
  };
  const targets: [string, boolean | null, string][] = [];
  const png = get("png-1200x630", "engine");
  const pngC = get("png-1200x630", "chromium");
  if (png) targets.push(["1200×630 PNG median ≤ 20 ms", png.medianMs <= 20, `${r1(png.medianMs)} ms`]);
  if (png && pngC) {
    const x = pngC.medianMs / png.medianMs;
    targets.push(["1200×630 PNG ≥ 4× faster than warm Chromium", x >= 4, `${x.toFixed(2)}×`]);
  }
  const ban = get("pdf-banner-1.2x10", "engine");
  if (ban) {
    targets.push([
      "1.2×10 m vector banner PDF ≤ 150 ms",
      ban.medianMs <= 150,
      `${r1(ban.medianMs)} ms median`,
    ]);
    targets.push([
      "1.2×10 m vector banner PDF ≤ 300 KB",
      ban.maxBytes <= 300 * 1024,
      `${(ban.maxBytes / 1024).toFixed(1)} KB largest`,
    ]);
  }
  const bulk = rows.find((r) => r.engine === "engine" && r.wallMs !== undefined);
  if (bulk?.wallMs !== undefined) {
    targets.push(["whole-plan bulk ≤ 30 s", bulk.wallMs <= 30_000, `${(bulk.wallMs / 1000).toFixed(1)} s`]);
  }
  const pipeline = rows.filter(
    (r) => r.engine === "engine" && r.case !== CASES.find((c) => c.output === "raster100")?.label,
  );
  if (pipeline.length) {
    const worst = pipeline.reduce((a, b) => (b.peakRssMb > a.peakRssMb ? b : a));
    targets.push([
      "peak RSS ≤ 400 MB (engine pipeline, main + 2 workers)",
      worst.peakRssMb <= 400,
      `${worst.peakRssMb.toFixed(0)} MB in ${worst.case}`,
    ]);
  }
  for (const [what, ok, got] of targets) say(`  ${ok ? "PASS" : "FAIL"}  ${pad(what, 56)} ${got}`);

  if (stages.length) {
    say("\nEngine stage timings (single thread, median of the stage timed on its own)");
    for (const s of stages) {
      say(`  ${s.case}`);
      for (const st of s.stages) say(`    ${pad(st.stage, 50)} ${st.medianMs.toFixed(1).padStart(7)}`);
      say("    CPU profile, self time per image:");
      for (const b of s.cpu.filter((b) => b.share >= 0.01)) {
        say(`      ${pad(b.bucket, 48)} ${b.ms.toFixed(1).padStart(7)} ms  ${(b.share * 100).toFixed(0)}%`);
      }
      say("    hottest functions (self ms per image):");
      for (const f of s.topFunctions) say(`      ${f.ms.toFixed(2).padStart(7)}  ${f.fn}`);
    }
  }
  say(`\nPeak RSS: engine = kernel VmHWM of this process (main thread + ${WORKERS} idle/working workers,`);
  say(
    `which collect after a job once the process is over ${BENCH_RSS_BUDGET_MB} MB` +
      `${typeof (globalThis as { gc?: unknown }).gc === "function" ? "" : " — OFF here: run with --expose-gc"};` +
      ` MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? "unset"}),`,
  );
  say("reset per case via /proc/self/clear_refs; chromium = peak of summed PSS over its process tree,");
  say("sampled every 50 ms. Chromium is timed from content swap to bytes in hand; its text fitting");
  say(`ran in Node beforehand (untimed). Sample outputs: ${SAMPLE_DIR}. Total ${totalS.toFixed(0)} s.`);
}

async function main() {
  const t0 = performance.now();
  let cases = CASES.filter((c) => wanted(c.id)).map((c) => ({
    ...c,
    iterations: c.output === "raster100" ? c.iterations : scaled(c.iterations),
    warmup: scaled(c.warmup),
    engineWarmup: scaled(c.engineWarmup),
    throughputJobs: c.throughputJobs ? scaled(c.throughputJobs) : 0,
  }));
  const photoNotes: string[] = [];
  if (cases.some((c) => c.photo)) {
    // Fitting loads sharp and the catalogue in this thread, as the app's main thread does.
    const prepared = await (await import("./bench/photo")).preparePhotoCases(cases);
    cases = prepared.cases;
    photoNotes.push(...prepared.notes);
    for (const n of photoNotes) log(`photo    ${n}`);
  }
  const bulk = !wanted("bulk") ? [] : QUICK ? bulkJobs().slice(0, 36) : bulkJobs();

  const loadBefore = loadavg()[0];
  const harnessMb = process.memoryUsage().rss / 1024 / 1024;
  log(`starting ${WORKERS} engine workers (fonts load once per worker)`);
  const pool = await EnginePool.start(WORKERS);
  const rows: Row[] = [];
  try {
    await pool.warm([
      ...cases.filter((c) => c.throughputJobs).flatMap((c) => caseJobs(c, 2, 11)),
      ...bulk.slice(0, BULK_FORMATS.length),
    ]);
    for (const c of cases.filter((c) => c.output !== "raster100")) rows.push(await engineCase(c, pool));
    if (bulk.length) rows.push(await engineBulk(pool, bulk));
  } finally {
    await pool.stop();
  }

  if (CHROMIUM)
    rows.push(
      ...(await chromiumPhase(
        cases.filter((c) => c.chromium),
        bulk,
      )),
    );

  const { runEngine } = await import("./bench/engine");
  for (const c of cases.filter((c) => c.output !== "raster100")) {
    const r = await runEngine(caseJobs(c, 1)[0], true);
    if (r.files) saveSample(c.id, "engine", r.files);
  }
  const stages: StageTimes[] = [];
  if (PROFILE) {
    const { profileCase } = await import("./bench/profile");
    for (const c of cases.filter((c) => c.output !== "raster100")) {
      log(`profile  ${c.label}`);
      stages.push(await profileCase(c, QUICK ? 4 : 12));
    }
  }
  // Last: its multi-GB peak must not inflate the resident baseline of the cases above.
  const raster = cases.find((c) => c.output === "raster100");
  if (RASTER && raster) rows.push(await rasterCase(raster));

  // Photo cases say which design, what the photo became and how long fitting took (untimed above).
  for (const r of rows) {
    const n = photoNotes.find((x) => x.startsWith(`${r.case}: `));
    if (n && r.engine === "engine") r.note = [n.slice(r.case.length + 2), r.note].filter(Boolean).join("; ");
  }
  // Keep cases together: engine row then Chromium row.
  const order = [...cases.map((c) => c.label), bulkLabel(bulk.length)];
  rows.sort((a, b) => order.indexOf(a.case) - order.indexOf(b.case) || (a.engine === "engine" ? -1 : 1));
  if (JSON_OUT) {
    const round = (v: number) => Math.round(v * 100) / 100;
    process.stdout.write(
      `${JSON.stringify(
        rows.map((r) => ({
          ...r,
          medianMs: round(r.medianMs),
          p95Ms: round(r.p95Ms),
          peakRssMb: round(r.peakRssMb),
          imagesPerS: r.imagesPerS === null ? null : round(r.imagesPerS),
          wallMs: r.wallMs === undefined ? undefined : round(r.wallMs),
        })),
        null,
        2,
      )}\n`,
    );
  } else {
    report(rows, stages, (performance.now() - t0) / 1000);
    for (const n of photoNotes.filter((x) => x.includes("skipped"))) say(`Photo case ${n}.`);
    say(
      `Harness RSS before workers: ${harnessMb.toFixed(0)} MB (bare node, engine not loaded in this thread` +
        `${photoNotes.length ? "; sharp and the catalogue are, for fitting the photo cases' photo" : ""}).` +
        ` Load average (1 min) ${loadBefore.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end on` +
        ` ${availableParallelism()} CPUs: other work on the machine skews both engines.`,
    );
  }
}

main().catch((e) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
