// Timing statistics and memory probes shared by the engine and Chromium sides of the benchmark.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  // Nearest-rank: with 30–50 samples an interpolated p95 would invent a value nobody measured.
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[rank];
}

export const median = (v: number[]) => quantile(v, 0.5);
export const p95 = (v: number[]) => quantile(v, 0.95);

function statusKb(pid: number | "self", key: string): number {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : 0;
}

/**
 * Peak RSS of this process (main thread + worker threads share it), tracked by the kernel so a
 * peak inside a synchronous native call (resvg) is not missed the way a JS timer sample would be.
 * Writing 5 to clear_refs resets VmHWM, which lets each case report its own peak.
 */
export class ProcessPeak {
  private resettable = true;

  reset(): void {
    try {
      writeFileSync("/proc/self/clear_refs", "5");
    } catch {
      this.resettable = false;
    }
  }

  /** MB; when the reset is not permitted this is the peak since process start. */
  readMb(): { mb: number; sincePrevReset: boolean } {
    return { mb: statusKb("self", "VmHWM") / 1024, sincePrevReset: this.resettable };
  }
}

function childrenOf(pid: number, table: Map<number, number[]>): number[] {
  const out: number[] = [];
  const stack = [...(table.get(pid) ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(table.get(p) ?? []));
  }
  return out;
}

function processTable(): Map<number, number[]> {
  const table = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name may contain spaces and parentheses; fields resume after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = table.get(ppid) ?? [];
      list.push(Number(name));
      table.set(ppid, list);
    } catch {
      // The process exited between readdir and read.
    }
  }
  return table;
}

function pssKb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Chromium is a tree of processes sharing libraries and memory; summing their RSS would count the
 * shared pages once per process, so the sum of PSS is the honest total. Sampled on a timer while
 * the main thread awaits CDP, so a spike shorter than the interval can be missed.
 */
export class ChildTreeSampler {
  private timer: NodeJS.Timeout | null = null;
  private peakKb = 0;
  private pids: number[] = [];

  start(intervalMs = 50): void {
    this.peakKb = 0;
    this.pids = childrenOf(process.pid, processTable());
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    let sum = 0;
    for (const pid of this.pids) sum += pssKb(pid);
    if (sum > this.peakKb) this.peakKb = sum;
  }

  stopMb(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return this.peakKb / 1024;
  }
}
