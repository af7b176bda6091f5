// Worker threads do not inherit tsx's loader from `--import tsx` on Node 20, so each worker
// registers it before loading the TypeScript worker body.
import { register } from "tsx/esm/api";

register();
await import("./engine-worker.ts");
