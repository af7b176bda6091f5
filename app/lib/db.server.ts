import { type DbHandle, getDb } from "../../storage/db";
import { startPublisherOnce } from "./publisher.server";

/** The process-wide database; the first request also starts the background publisher. */
export function db(): DbHandle {
  const handle = getDb();
  startPublisherOnce();
  return handle;
}
