// The publisher: the outbox worker that uploads approved files to the object store and then applies
// PUBLISHED through the workflow (and withdraws print access on REVOKE). A job above workflows/.
// Decision 060.

export { type PublisherLog, PublishError } from "./context";
export {
  DEFAULT_PUBLISHER_INTERVAL_MS,
  MIN_PUBLISHER_INTERVAL_MS,
  type StartPublisherOptions,
  startPublisher,
  stopPublisher,
} from "./loop";
export {
  DEFAULT_LEASE_MS,
  DEFAULT_RETENTION_DAYS,
  type PublisherOptions,
  type PublisherRunResult,
  runPublisherOnce,
} from "./run";
export {
  PUBLISH_STATE_LABELS_VI,
  type PublishState,
  type PublishStatus,
  publishStatus,
  retryPublish,
} from "./status";
