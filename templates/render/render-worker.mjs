// Source runs (CLI, tests, benchmarks): worker threads do not inherit tsx's loader on Node 20, so
// register it before loading the TypeScript body. The built server uses a bundled worker instead.
import { register } from "tsx/esm/api";

register();
await import("./render-worker.ts");
