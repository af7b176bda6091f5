// Every change to an asset's workflow goes through here: one BEGIN IMMEDIATE transaction that
// re-reads the row, asks the machine, writes snapshot + row_version + audit + outbox, or writes
// nothing at all. better-sqlite3 is synchronous, so nothing else runs inside the transaction.
// These are the names the rest of the house imports; files in this folder import each other directly.

export { applyAssetEvent, applyAssetEventAs, markPublished } from "./apply-event";
export { type CreatedVersion, createAsset } from "./create";
export { preflightFailure } from "./preflight";
export { createVersion } from "./versions";
