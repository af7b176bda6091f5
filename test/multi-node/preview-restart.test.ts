import { describe, expect, it } from "vitest";
import { type AppNode, send, signInCookie } from "../support/nodes";
import { clusterUnderTest, MULTI_NODE_RUN, TEST_TIMEOUT_MS, waitFor } from "./support";

// Issue 15 §3: a node is killed (SIGKILL) and started again while people type in the editor on
// both nodes. Requests are spread over the ready nodes as a load balancer with health checks
// would: the killed node gets nothing new once it is down, and again once /readyz passes. The
// only requests allowed to fail are the ones the killed node was serving when it died.

const USERS = 6;

const run = clusterUnderTest();

interface Sent {
  id: number;
  node: string;
  /** HTTP status, or 0 when no answer came (connection refused or cut). */
  status: number;
  error?: string;
  done: boolean;
}

/** The request's status, or 0 with the error when no answer came (refused, or cut by the kill). */
const get = (node: AppNode, path: string, cookie: string) =>
  send(`${node.url}${path}`, { headers: { cookie } }).then(
    (res) => ({ status: res.status }),
    (err: Error) => ({ status: 0, error: err.message }),
  );

describe.skipIf(!MULTI_NODE_RUN)("a node restarted during a burst of previews", () => {
  it(
    "requests to the other node all succeed; only the killed node's requests in flight fail",
    async () => {
      const nodes = run.cluster.nodes;
      const [, victim] = nodes;
      const cookie = await signInCookie(nodes[0].url, run.cluster.publicOrigin, "soanthao");
      const sent: Sent[] = [];
      let turn = 0;
      let stop = false;
      const user = async (u: number) => {
        while (!stop) {
          const ready = nodes.filter((n) => n.ready);
          const node = ready[turn++ % ready.length];
          const q = new URLSearchParams({
            template: "co-dong-truyen-thong",
            format: "fb-link-1200x630",
            text: `Dịch vụ công trực tuyến ${u}-${sent.length}`,
            as: "svg",
          });
          const s: Sent = { id: sent.length, node: node.name, status: 0, done: false };
          sent.push(s);
          Object.assign(s, await get(node, `/api/preview?${q}`, cookie), { done: true });
        }
      };
      const served = (name: string, from = 0) =>
        sent.slice(from).filter((s) => s.node === name && s.status === 200).length;
      const burst = Promise.all(Array.from({ length: USERS }, (_, u) => user(u)));
      try {
        await waitFor(
          () => nodes.map((n) => served(n.name)),
          (c) => c.every((n) => n >= 10),
          "burst did not start",
        );

        const killing = victim.kill();
        // kill() marks the node down at once: what it holds now is all it will ever be sent.
        const inFlight = new Set(sent.filter((s) => s.node === victim.name && !s.done).map((s) => s.id));
        await killing;
        const whileDown = sent.length;
        await waitFor(
          () => served(nodes[0].name, whileDown),
          (n) => n >= 10,
          "node A stopped answering",
        );
        await victim.restart();
        const afterRestart = sent.length;
        await waitFor(
          () => served(victim.name, afterRestart),
          (n) => n >= 10,
          "restarted node got no work",
        );

        stop = true;
        await burst;
        const failed = sent.filter((s) => s.status !== 200);
        console.log(
          `[multi-node] ${sent.length} previews: ${nodes.map((n) => `${n.name} ${served(n.name)}`).join(", ")}; ` +
            `${inFlight.size} in flight on ${victim.name} at the kill, ${failed.length} failed`,
        );
        for (const f of failed) {
          expect(f.node, JSON.stringify(f)).toBe(victim.name);
          expect(inFlight.has(f.id), `request ${f.id} failed but was not in flight at the kill`).toBe(true);
        }
        expect(sent.filter((s) => s.node !== victim.name && s.status !== 200)).toEqual([]);
      } finally {
        stop = true;
        await burst;
      }
    },
    TEST_TIMEOUT_MS,
  );
});
