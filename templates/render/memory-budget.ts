// Rendering allocates in bursts: a version's files make tens of MB of short-lived objects for the
// PDF, and every raster leaves a pixmap in native memory behind a JS wrapper that resvg never
// reports to V8, so nothing urges V8 to collect it. Between two of V8's own full collections a
// render thread piled up 100–200 MB of garbage. So after each job a render thread collects if the
// whole process is over its budget: the cost (a full collection, tens of ms) is paid only when
// memory is actually short. It needs the process started with --expose-gc (`npm run serve` and
// the benchmark do, see package.json config.serverNodeOptions); without it this does nothing.
const gc = (globalThis as { gc?: () => void }).gc;

/** The server's RSS target is 500 MB; a files job adds up to ~60 MB on top of where it starts. */
export const DEFAULT_RSS_BUDGET_MB = 400;

/**
 * A process whose live data alone sits above the budget would otherwise collect after every job
 * for nothing: the next collection waits until this much more has piled up since the last one.
 */
const SLACK_BYTES = 32 * 1024 * 1024;
let afterLastCollection = 0;

/**
 * Runs a full collection when the process's RSS is at or above `budgetMb` (MB; the server passes
 * RENDER_RSS_BUDGET_MB to its render threads) and has grown since the last one. Returns whether
 * it collected; always false without --expose-gc. Never throws.
 */
export function collectIfOverBudget(budgetMb: number = DEFAULT_RSS_BUDGET_MB): boolean {
  if (!gc) return false;
  const rss = process.memoryUsage.rss();
  if (rss < budgetMb * 1024 * 1024 || rss < afterLastCollection + SLACK_BYTES) return false;
  gc();
  afterLastCollection = process.memoryUsage.rss();
  return true;
}
