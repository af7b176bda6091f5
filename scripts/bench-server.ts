// Load bench of the built web app: 20 concurrent connections on loopback for 30 s against the
// live-preview endpoint (1200×630) and the review queue, signed in. Prints p50/p95, errors and
// the server's resident memory. Usage: npm run bench:server [-- --seconds 30 --connections 20]
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { startServer, type TestServer } from "../test/e2e/server";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg("seconds", 30);
const CONNECTIONS = arg("connections", 20);

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function signIn(server: TestServer, username: string): Promise<string> {
  const res = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password: "CoDong@2026" }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`sign-in failed for ${username}: ${res.status}`);
  return cookie;
}

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

async function run(
  name: string,
  server: TestServer,
  opts: { path: (i: number) => string; cookie: string },
): Promise<Outcome> {
  const latencies: number[] = [];
  let i = 0;
  let rssPeak = rssMb(server.pid);
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMb(server.pid));
  }, 500);
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
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: Math.round(percentile(latencies, 50)),
    p95: Math.round(percentile(latencies, 95)),
    p99: Math.round(percentile(latencies, 99)),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rssPeakMb: Math.round(rssPeak),
  };
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
    const preview = await run("preview 1200×630 (PNG)", server, {
      cookie: drafter,
      // A different text each request: what typing produces, and no cache can help.
      path: (n) =>
        `/api/preview?${new URLSearchParams({
          template: "co-dong-truyen-thong",
          format: "fb-link-1200x630",
          text: `${SLOGANS[n % SLOGANS.length]} ${n}`,
          maxPx: "1200",
        })}`,
    });
    const review = await run("review queue (HTML, 12 items)", server, {
      cookie: office,
      path: () => "/review",
    });
    console.log(`\n[bench] server RSS after seeding: ${idleRss} MB`);
    console.table(
      [preview, review].map((o) => ({
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
    const bad = [preview, review].some((o) => o.errors > 0 || o.non2xx > 0);
    process.exitCode = bad ? 1 : 0;
  } finally {
    await server.stop();
  }
}

await main();
