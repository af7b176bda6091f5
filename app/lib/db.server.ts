import type { DbHandle } from "../../storage/db";
import { startPublisherOnce } from "./publisher.server";
import { appDb } from "./stores.server";

/** The process-wide database (see appDb); the first request also starts the background publisher. */
export function db(): DbHandle {
  const handle = appDb();
  startPublisherOnce();
  return handle;
}
