// Load bench of the built web app on loopback, signed in, 30 s per scenario:
// - the live preview (1200×630) with 20 people typing at once: each asks for a new preview, waits
//   for it, and types on for a random pause (exponential, mean 250 ms: one preview per keystroke at
//   a brisk 4 keys/s, the editor's 80 ms debounce never merging any). This is the target scenario.
// - the preview and the review queue with 20 connections sending back to back, no pause at all:
//   saturation, i.e. the most the server can do, with latency set by the queue that forms.
// Prints p50/p95/p99, errors and the server's peak resident memory (all its threads).
// With --pg: the multi-node run instead (scripts/bench/two-node.ts): --nodes app nodes (default 2)
// on PostgreSQL and an S3 server, previews and the review queue at 20 and 100 users, one node
// against all of them.
// Usage: npm run bench:server [-- --seconds 30 --connections 20]
//        npm run bench:server -- --pg [--nodes 2] [--seconds 30]
import autocannon from "autocannon";
import { startServer, type TestServer } from "../test/e2e/server";
import { signInCookie } from "../test/support/nodes";
import { benchCluster, rssMb } from "./bench/two-node";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg("seconds", 30);
const CONNECTIONS = arg("connections", 20);

const signIn = (server: TestServer, username: string) => signInCookie(server.url, server.url, username);

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Outcome {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  rssPeakMb: number;
}

/** Samples the server's resident memory every 500 ms until stopped; returns the peak. */
function rssSampler(pid: number): { stop(): number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 500);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, rssMb(pid)));
    },
  };
}

function outcome(
  name: string,
  latencies: number[],
  counts: { requests: number; rps: number; errors: number; non2xx: number; rssPeakMb: number },
): Outcome {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(sorted, p));
  return { name, ...counts, p50: at(50), p95: at(95), p99: at(99) };
}

/** What a scenario requests: the n-th path, as the signed-in user of the cookie. */
interface Target {
  path: (n: number) => string;
  cookie: string;
}

async function run(name: string, server: TestServer, opts: Target): Promise<Outcome> {
  const latencies: number[] = [];
  let i = 0;
  const rss = rssSampler(server.pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: { cookie: opts.cookie },
        requests: [{ setupRequest: (req) => ({ ...req, path: opts.path(i++) }) }],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return outcome(name, latencies, {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rssPeakMb: rss.stop(),
  });
}

const THINK_MS = 250;

/** Users who wait for each answer and then pause before the next request (open-ended think time). */
async function typing(name: string, server: TestServer, opts: Target): Promise<Outcome> {
  const latencies: number[] = [];
  let i = 0;
  let errors = 0;
  let non2xx = 0;
  const rss = rssSampler(server.pid);
  const pause = () => new Promise((r) => setTimeout(r, -Math.log(1 - Math.random()) * THINK_MS));
  const end = Date.now() + SECONDS * 1000;
  const user = async () => {
    await new Promise((r) => setTimeout(r, Math.random() * THINK_MS)); // users do not start in step
    while (Date.now() < end) {
      const t0 = performance.now();
      try {
        const res = await fetch(server.url + opts.path(i++), { headers: { cookie: opts.cookie } });
        await res.arrayBuffer();
        if (!res.ok) non2xx++;
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
      await pause();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, user));
  return outcome(name, latencies, {
    requests: latencies.length + errors,
    rps: Math.round(latencies.length / SECONDS),
    errors,
    non2xx,
    rssPeakMb: rss.stop(),
  });
}

const SLOGANS = [
  "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
  "Chủ động thực thi; phát huy động lực; tăng trưởng bứt phá",
  "Cải cách hành chính – nhiệm vụ trọng tâm, khâu đột phá",
  "Người dân, doanh nghiệp là trung tâm phục vụ",
];

async function main() {
  console.log(
    `[bench] building and starting the server (${CONNECTIONS} connections, ${SECONDS} s per target)…`,
  );
  const server = await startServer({ PUBLISHER: "0" });
  try {
    const drafter = await signIn(server, "soanthao");
    const office = await signIn(server, "vanhoa");
    // A realistic queue: a dozen assets waiting for the office.
    for (let k = 0; k < 12; k++) {
      const body = new URLSearchParams({
        item: `cchc-2026:1.${(k % 15) + 1}`,
        text: SLOGANS[k % SLOGANS.length],
        template: "co-dong-truyen-thong",
        intent: "submit",
      });
      body.append("formats", k % 2 ? "fb-link-1200x630" : "bang-ron-1x7");
      const res = await fetch(`${server.url}/editor`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: server.url, cookie: drafter, "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });
      if (res.status !== 302) throw new Error(`seeding asset ${k} failed: ${res.status}`);
    }
    const idleRss = Math.round(rssMb(server.pid));
    // A different text each request: what typing produces, and no cache can help.
    const previewPath = (as: "svg" | "png") => (n: number) =>
      `/api/preview?${new URLSearchParams({
        template: "co-dong-truyen-thong",
        format: "fb-link-1200x630",
        text: `${SLOGANS[n % SLOGANS.length]} ${n}`,
        as,
        maxPx: "1200",
      })}`;
    const svg = previewPath("svg");
    const png = previewPath("png");
    const typedSvg = await typing("preview SVG (editor) · 20 typing", server, { cookie: drafter, path: svg });
    const typedPng = await typing("preview PNG 1200 px · 20 typing", server, { cookie: drafter, path: png });
    const floodSvg = await run("preview SVG (editor) · 20 back to back", server, {
      cookie: drafter,
      path: svg,
    });
    const floodPng = await run("preview PNG 1200 px · 20 back to back", server, {
      cookie: drafter,
      path: png,
    });
    const review = await run("review queue, 12 items · 20 back to back", server, {
      cookie: office,
      path: () => "/review",
    });
    const all = [typedSvg, typedPng, floodSvg, floodPng, review];
    console.log(`\n[bench] server RSS after seeding: ${idleRss} MB`);
    console.table(
      all.map((o) => ({
        target: o.name,
        requests: o.requests,
        "req/s": o.rps,
        "p50 ms": o.p50,
        "p95 ms": o.p95,
        "p99 ms": o.p99,
        errors: o.errors,
        "non-2xx": o.non2xx,
        "peak RSS MB": o.rssPeakMb,
      })),
    );
    const peak = Math.max(...all.map((o) => o.rssPeakMb));
    const verdict = (ok: boolean, what: string, got: string) =>
      console.log(`  ${ok ? "PASS" : "FAIL"}  ${what.padEnd(58)} ${got}`);
    console.log("\nTargets");
    verdict(typedSvg.p95 <= 150, "editor preview 1200×630 p95 ≤ 150 ms, 20 typing", `${typedSvg.p95} ms`);
    console.log(
      `  info  PNG preview, 20 typing: p95 ${typedPng.p95} ms; saturation p95 ${floodSvg.p95} ms (SVG), ${floodPng.p95} ms (PNG)`,
    );
    verdict(
      all.every((o) => o.errors + o.non2xx === 0),
      "zero errors",
      `${all.reduce((n, o) => n + o.errors + o.non2xx, 0)}`,
    );
    verdict(peak <= 500, "server RSS ≤ 500 MB (main thread + render workers)", `${peak} MB`);
    const bad = all.some((o) => o.errors > 0 || o.non2xx > 0);
    process.exitCode = bad ? 1 : 0;
  } finally {
    await server.stop();
  }
}

if (process.argv.includes("--pg")) await benchCluster({ nodes: arg("nodes", 2), seconds: SECONDS });
else await main();
