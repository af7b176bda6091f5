import { buildOnce } from "./server";

// One production build per run: each test file runs in its own process, and a build per file cost
// about a minute of CI each.
export default function setup(): void {
  buildOnce();
  process.env.E2E_SKIP_BUILD = "1";
}
