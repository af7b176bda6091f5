// What every outbox worker shares: the per-process loop, leased claims and failure records, logs.
export { type Claim, isBusyDatabase, type LeaseScope, recordJobFailure, withLeases } from "./leases";
export { consoleJobLog, defaultWorkerId, errorText, type JobLog } from "./log";
export { type JobLoopOptions, startJobLoop, stopJobLoop } from "./loop";
