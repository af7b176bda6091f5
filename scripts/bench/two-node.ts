// The two-node run of `npm run bench:server -- --pg [--nodes 2] [--seconds 20]` (issue 15): N app
// nodes from one build on one PostgreSQL and one S3 server (test/support/nodes.ts), loaded with
// the editor's live preview and the office's review queue by 20 and 100 concurrent users who send
// back to back (each waits for its answer, then asks again: a closed loop, so throughput is what
// the nodes can do). Users are spread evenly over the nodes as a balancer would; the same load on
// one node of the same cluster gives the baseline for the growth ratio. Figures only: on a machine
// with fewer cores than nodes × render workers the nodes share the CPU, which the ratio shows.
import { availableParallelism, loadavg } from "node:os";
import { readFileSync } from "node:fs";
import { type AppNode, type Cluster, send, signInCookie, startCluster } from "../../test/support/nodes";
import { quantile } from "./stats";

/** Resident memory of process `pid` in MB (main thread and its render threads), 0 once it is gone. */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export interface ClusterBenchOptions {
  /** App nodes of the multi-node runs (default 2). */
  nodes: number;
  /** Seconds per scenario. */
  seconds: number;
  /** Concurrent users of each scenario (default 20 and 100). */
  users?: number[];
}

interface Row {
  target: string;
  nodes: number;
  users: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  errors: number;
  non2xx: number;
  /** Peak RSS per node during the run, MB, in node order. */
  rss: number[];
}

const SLOGANS = [
  "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
  "Chủ động thực thi; phát huy động lực; tăng trưởng bứt phá",
  "Cải cách hành chính – nhiệm vụ trọng tâm, khâu đột phá",
  "Người dân, doanh nghiệp là trung tâm phục vụ",
];

/** The editor's request: a different text each time, so no cache can answer it. */
const previewPath = (n: number) =>
  `/api/preview?${new URLSearchParams({
    template: "co-dong-truyen-thong",
    format: "fb-link-1200x630",
    text: `${SLOGANS[n % SLOGANS.length]} ${n}`,
    as: "svg",
    maxPx: "1200",
  })}`;

/** A dozen assets waiting for the office, made through the editor's form on the first node. */
async function seedQueue(cluster: Cluster, drafter: string): Promise<void> {
  for (let k = 0; k < 12; k++) {
    const body = new URLSearchParams({
      item: `cchc-2026:1.${(k % 15) + 1}`,
      text: SLOGANS[k % SLOGANS.length],
      template: "co-dong-truyen-thong",
      intent: "submit",
    });
    body.append("formats", k % 2 ? "fb-link-1200x630" : "bang-ron-1x7");
    const res = await send(`${cluster.nodes[0].url}/editor`, {
      method: "POST",
      headers: { Origin: cluster.publicOrigin, cookie: drafter },
      body,
    });
    if (res.status !== 302)
      throw new Error(`seeding asset ${k} failed: ${res.status} ${res.body.slice(0, 300)}`);
  }
}

/** `users` closed-loop users for `seconds`, user u on node u mod nodes.length; RSS sampled per node. */
async function load(
  target: string,
  nodes: AppNode[],
  users: number,
  seconds: number,
  path: (n: number) => string,
  cookie: string,
): Promise<Row> {
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let n = 0;
  const peak = nodes.map((node) => rssMb(node.pid));
  const sampler = setInterval(() => {
    nodes.forEach((node, i) => {
      peak[i] = Math.max(peak[i], rssMb(node.pid));
    });
  }, 500);
  const start = performance.now();
  const end = Date.now() + seconds * 1000;
  const user = async (u: number) => {
    const node = nodes[u % nodes.length];
    while (Date.now() < end) {
      const t0 = performance.now();
      try {
        const res = await fetch(node.url + path(n++), { headers: { cookie } });
        await res.arrayBuffer();
        if (!res.ok) non2xx++;
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: users }, (_, u) => user(u)));
  // Until the last answer: with seconds-long queues the run lasts well past `seconds`.
  const elapsed = (performance.now() - start) / 1000;
  clearInterval(sampler);
  return {
    target,
    nodes: nodes.length,
    users,
    requests: latencies.length + errors,
    rps: Math.round(latencies.length / elapsed),
    p50: Math.round(quantile(latencies, 0.5)),
    p95: Math.round(quantile(latencies, 0.95)),
    errors,
    non2xx,
    rss: peak.map(Math.round),
  };
}

/**
 * Starts the cluster (PostgreSQL, S3 server, `nodes` app nodes), runs each scenario at each user
 * count first on node A alone, then across all nodes, prints the table and the growth ratios, and
 * stops everything. Throws when the cluster does not start; request failures are counted, not thrown.
 */
export async function benchCluster(o: ClusterBenchOptions): Promise<void> {
  const users = o.users ?? [20, 100];
  console.log(
    `[bench] ${o.nodes} node(s) on PostgreSQL + S3, ${o.seconds} s per run, users ${users.join(" and ")}, ` +
      `${availableParallelism()} CPU core(s), load average ${loadavg()[0].toFixed(1)}…`,
  );
  const cluster = await startCluster({ nodes: o.nodes, env: { PUBLISHER: "0", NOTIFIER: "0" } });
  try {
    const origin = cluster.publicOrigin;
    const drafter = await signInCookie(cluster.nodes[0].url, origin, "soanthao");
    const office = await signInCookie(cluster.nodes[0].url, origin, "vanhoa");
    await seedQueue(cluster, drafter);
    const idle = cluster.nodes.map((n) => Math.round(rssMb(n.pid)));
    const scenarios = [
      { target: "preview SVG 1200×630", path: previewPath, cookie: drafter },
      { target: "review queue, 12 items", path: () => "/review", cookie: office },
    ];
    // Warm-up, not recorded: JIT, the render threads' fonts, PostgreSQL's plan and buffer caches.
    for (const s of scenarios)
      await load(s.target, cluster.nodes, 20, Math.min(5, o.seconds), s.path, s.cookie);
    const rows: Row[] = [];
    for (const s of scenarios) {
      for (const u of users) {
        for (const spread of o.nodes > 1 ? [1, o.nodes] : [1]) {
          const row = await load(s.target, cluster.nodes.slice(0, spread), u, o.seconds, s.path, s.cookie);
          console.log(`[bench] ${s.target} · ${u} users · ${spread} node(s): ${row.rps} req/s`);
          rows.push(row);
        }
      }
    }
    console.log(
      `\n[bench] load average (1 min) at the end: ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
    );
    console.log(
      `[bench] node RSS after seeding: ${idle.map((mb, i) => `${cluster.nodes[i].name} ${mb} MB`).join(", ")}`,
    );
    console.table(
      rows.map((r) => ({
        target: r.target,
        nodes: r.nodes,
        users: r.users,
        requests: r.requests,
        "req/s": r.rps,
        "p50 ms": r.p50,
        "p95 ms": r.p95,
        errors: r.errors,
        "non-2xx": r.non2xx,
        "peak RSS MB per node": r.rss.join(" / "),
      })),
    );
    if (o.nodes > 1) {
      console.log(
        `\nThroughput from 1 node to ${o.nodes} (same machine, ${availableParallelism()} cores shared)`,
      );
      for (const s of scenarios) {
        for (const u of users) {
          const one = rows.find((r) => r.target === s.target && r.users === u && r.nodes === 1)!;
          const many = rows.find((r) => r.target === s.target && r.users === u && r.nodes === o.nodes)!;
          const ratio = one.rps ? (many.rps / one.rps).toFixed(2) : "n/a";
          console.log(
            `  ${`${s.target} · ${u} users`.padEnd(40)} ${one.rps} → ${many.rps} req/s  (× ${ratio})`,
          );
        }
      }
    }
  } finally {
    await cluster.stop();
  }
}
