// Worker threads do not inherit tsx's loader on Node 20, so the worker registers it before loading
// its TypeScript body: the same source runs under the CLI, the tests and the built server.
import { register } from "tsx/esm/api";

register();
await import("./preview-worker.ts");
