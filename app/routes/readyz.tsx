import { probeResponse, readinessReport } from "../lib/readiness.server";

// GET /readyz — readiness, for the load balancer: 200 {"ok":true,…} when this node can do its
// work (database reachable and writable, every migration applied, object store writable,
// publisher and audit chain well), else 503 with each part's state and a `problems` list naming
// what is wrong (app/lib/readiness.server.ts). No sign-in; states and codes only.

export async function loader() {
  return probeResponse(await readinessReport());
}
