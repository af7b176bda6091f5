// The tamper-evident audit log (decisions 010 and 061): the names the rest of the house uses.
// Migration 005 imports startKeyedAuditChain from ./checkpoint itself, to stay clear of the
// connection it runs inside.

export { appendAudit } from "./append";
export { exportApprovalRecord } from "./approval-record";
export { auditEventFor, describeAuditRow } from "./describe";
export { type AuditRow, computeAuditHash, computeKeyedAuditHash, GENESIS_HASH } from "./hash";
export { AUDIT_KEY_FILE, AuditChainError, resolveAuditKey } from "./key";
export { AUDIT_FAILURE_LABELS_VI, type AuditFailureCode, verifyAuditChain } from "./verify";
