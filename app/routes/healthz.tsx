import { probeResponse } from "../lib/readiness.server";

// GET /healthz — liveness, for the load balancer and the supervisor: 200 {"ok":true} whenever this
// process answers HTTP. It calls neither the database nor the object store, so a database outage
// does not get every node restarted at once; whether a node should take requests is /readyz's
// question (app/lib/readiness.server.ts).

export function loader() {
  return probeResponse({ ok: true });
}
