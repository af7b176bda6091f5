// `npm run bench` first builds the harness and its worker to plain ES modules, then runs them on bare
// node: a TypeScript loader in the measured process would count toward the peak RSS it reports.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { bundleEsm } from "../bundle-esm";

const ROOT = join(import.meta.dirname, "../..");
const OUT = join(ROOT, ".cache/bench");

// Chunk names carry content hashes: without a clean folder old ones pile up.
rmSync(OUT, { recursive: true, force: true });

await bundleEsm(
  {
    bench: join(ROOT, "scripts/bench.ts"),
    "engine-worker": join(ROOT, "scripts/bench/engine-worker.ts"),
  },
  OUT,
);
