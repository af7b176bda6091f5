// What print shops (and the public verify page) may see and fetch: the names the rest of the
// house uses. Every permission is decided inside from the database (./access).

export { confirmPrinted } from "./confirm";
export { assertStillDownloadable, issueDownloadLink } from "./download";
export { isPrintAccessError, PrintAccessError } from "./errors";
export { listPublishedForPrinter } from "./listing";
export { verifyByCode, verifyFile, verifyByFileHash, verifyHash } from "./verify";
export { type VerifyAudience, verifyAudienceFor } from "./verify-audience";
export type { VerifyResult } from "./verify-result";
