import { randomUUID } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "../storage/audit";
import {
  type AssetRecord,
  COMMENT_MAX,
  getAsset,
  insertVersion,
  nextAssetCode,
  type RenderedFiles,
  parseStoredPreflight,
  primaryFile,
  sha256Hex,
  type StoredPreflight,
  toStoredPreflight,
  versionAuthors,
} from "../storage/assets";
import type { DbHandle } from "../storage/db/connection";
import type { Placement, Role } from "../storage/db/schema";
import { exec, first, immediate } from "../storage/db/sync";
import { enqueueNotify, enqueuePublish, enqueueUnpublish } from "../storage/outbox";
import { cleanField, cleanNote } from "../storage/text";
import { getUserRoles } from "../storage/users";
import { MAX_SUBTITLE_CHARS } from "../templates/text/clean";
import {
  type AssetEvent,
  type AssetEventType,
  type AssetState,
  eventsAcceptedIn,
  type WorkflowActor,
} from "./asset-machine";
import { actingRole, needsReason } from "./decisions";
import { WorkflowError } from "./errors";
import { cleanReasonText, type Reason, REASON_CODES, REASON_TEXT_MAX, reasonSchema } from "./reasons";
import { SYSTEM_ROLE } from "./roles";
import {
  initialAssetSnapshot,
  nextAssetSnapshot,
  type PersistedAssetSnapshot,
  persistAssetSnapshot,
  restoreAssetSnapshot,
} from "./snapshot";

// Every change to an asset's workflow goes through here: one BEGIN IMMEDIATE transaction that
// re-reads the row, asks the machine, writes snapshot + row_version + audit + outbox, or writes
// nothing at all. better-sqlite3 is synchronous, so nothing else runs inside the transaction.

export interface ApplyEventInput {
  assetId: string;
  event: {
    type: Exclude<AssetEventType, "EDIT">;
    /** From the session. Claimed roles are only ever narrowed: the database decides what a user holds. */
    actor: { userId: string; roles?: Role[] };
    reason?: Reason;
    comment?: string;
  };
  /** content_hash of the version the user was looking at when deciding. */
  versionHash: string;
  /** row_version the user's page was rendered from; a different value means someone acted first. */
  expectedRowVersion?: number;
  now?: Date;
}

export interface ApplyResult {
  assetId: string;
  code: string;
  fromState: AssetState;
  toState: AssetState;
  rowVersion: number;
  auditId: number;
  outboxIds: number[];
}

const eventInputSchema = z.object({
  type: z.enum(["SUBMIT", "FORWARD", "RETURN", "APPROVE", "REJECT", "WITHDRAW", "REVOKE", "PUBLISHED"]),
  comment: z.string().optional(),
  reason: z.unknown().optional(),
});

function validateEvent(event: { type: string; reason?: unknown; comment?: string }): {
  reason: Reason | undefined;
  comment: string | undefined;
} {
  if (event.type === "EDIT") throw new WorkflowError("INVALID_INPUT", "EDIT goes through createVersion()");
  const parsed = eventInputSchema.safeParse(event);
  if (!parsed.success) throw new WorkflowError("INVALID_INPUT", parsed.error.message);
  const comment = normalizeComment(parsed.data.comment);
  if (!needsReason(parsed.data.type)) return { reason: undefined, comment };
  const raw = parsed.data.reason as { code?: unknown; text?: unknown } | undefined;
  if (typeof raw?.text === "string" && raw.text.length > REASON_TEXT_MAX) {
    throw new WorkflowError("COMMENT_TOO_LONG", "reason text too long");
  }
  // The text is cleaned first, so a control or bidi character is refused as such (INVALID_INPUT with
  // the cleaner's message), not reported as a missing reason.
  const text = typeof raw?.text === "string" ? cleanReasonText(raw.text) : raw?.text;
  const reason = reasonSchema.safeParse({ ...(raw ?? {}), text: text ?? "" });
  if (!reason.success) {
    throw new WorkflowError("REASON_REQUIRED", `reason required: one of ${REASON_CODES.join(", ")}`);
  }
  return { reason: reason.data, comment };
}

function normalizeComment(comment: string | undefined): string | undefined {
  if (comment === undefined) return undefined;
  const c = cleanNote(comment, "Ý kiến", COMMENT_MAX, "COMMENT_TOO_LONG");
  return c.length ? c : undefined;
}

/** Events that move a version towards print: refused while its stored preflight lists errors. */
const PREFLIGHT_GATED: readonly AssetEventType[] = ["SUBMIT", "FORWARD", "APPROVE"];
const PREFLIGHT_GATED_VI: Partial<Record<AssetEventType, string>> = {
  SUBMIT: "Không thể gửi duyệt phiên bản này",
  FORWARD: "Không thể chuyển lãnh đạo phê duyệt phiên bản này",
  APPROVE: "Không thể phê duyệt phiên bản này",
};

/**
 * PREFLIGHT_FAILED naming every error. `details.errors` lists them ({code, messageVi}) and
 * `details.summaryVi` is the message without the list, for a UI that shows the list itself.
 */
export function preflightFailure(
  errors: readonly { code: string; messageVi: string }[],
  what: string,
  details: Record<string, unknown> = {},
): WorkflowError {
  const summaryVi = `${what}: kiểm tra trước khi in phát hiện ${errors.length} lỗi. Hãy sửa nội dung rồi thử lại.`;
  const list = errors.map((e) => e.messageVi).join(" ");
  return new WorkflowError(
    "PREFLIGHT_FAILED",
    `preflight errors: ${errors.map((e) => e.code).join(", ")}`,
    { ...details, errors: errors.map((e) => ({ code: e.code, messageVi: e.messageVi })), summaryVi },
    `${what}: kiểm tra trước khi in phát hiện ${errors.length} lỗi. ${list} Hãy sửa nội dung rồi thử lại.`,
  );
}

/** Refuses a render whose preflight found errors, before anything is written. */
function checkPreflight(preflight: StoredPreflight | null | undefined, what: string): StoredPreflight | null {
  if (!preflight) return null;
  const stored = toStoredPreflight(preflight);
  if (stored.errors.length) throw preflightFailure(stored.errors, what);
  return stored;
}

/** The user's roles from the database, narrowed to what the caller claims (if it claims any). */
function resolveActor(handle: DbHandle, actor: { userId: string; roles?: Role[] }): WorkflowActor {
  const user = first(
    handle.sqlite,
    handle.db.selectFrom("users").select(["id", "active"]).where("id", "=", actor.userId),
  );
  if (user?.active !== 1) throw new WorkflowError("FORBIDDEN", "unknown or inactive user");
  const held = getUserRoles(handle, user.id);
  const roles = actor.roles ? held.filter((r) => actor.roles!.includes(r)) : held;
  return { userId: user.id, roles };
}

function loadAsset(handle: DbHandle, assetId: string, expectedRowVersion?: number): AssetRecord {
  const asset = getAsset(handle, assetId);
  if (!asset) throw new WorkflowError("NOT_FOUND", `asset ${assetId} not found`);
  if (expectedRowVersion !== undefined && expectedRowVersion !== asset.rowVersion) {
    throw new WorkflowError("CONFLICT", "row_version changed", {
      expected: expectedRowVersion,
      actual: asset.rowVersion,
      state: asset.state,
    });
  }
  return asset;
}

interface Step extends PersistedAssetSnapshot {
  from: AssetState;
  to: AssetState;
}

/**
 * Decisions that move a version on towards print, which its authors (who created or edited it) may
 * not take. The submitter and forwarder rules are the machine's own guards (notSubmitter, notForwarder).
 */
const AUTHOR_BARRED: Partial<Record<AssetEventType, { vi: string }>> = {
  FORWARD: {
    vi: "Bạn đã soạn hoặc chỉnh sửa phiên bản này nên không được tự chuyển lãnh đạo phê duyệt; cần một cán bộ khác của Phòng Văn hóa - Xã hội.",
  },
  APPROVE: {
    vi: "Bạn đã soạn hoặc chỉnh sửa phiên bản này nên không được tự phê duyệt; cần một lãnh đạo khác phê duyệt.",
  },
};

/**
 * Restores the persisted snapshot (validated: SNAPSHOT_UNKNOWN for one this machine does not know),
 * checks the event is allowed, and returns the next snapshot. No actor is started: a bad row fails
 * this call and nothing else. `authors` are the users who wrote the version being decided.
 */
function step(asset: AssetRecord, event: AssetEvent, authors: readonly string[] = []): Step {
  const snapshot = restoreAssetSnapshot(
    {
      snapshotJson: asset.snapshotJson,
      machineId: asset.machineId,
      machineVersion: asset.machineVersion,
      state: asset.state,
    },
    asset.id,
  );
  const from = snapshot.value as AssetState;
  const me = event.actor.userId;
  if (!snapshot.can(event)) {
    const reacts = eventsAcceptedIn(from).includes(event.type);
    const ctx = snapshot.context;
    // Only someone who may otherwise act here is refused for acting on their own work.
    const ownWork =
      me != null &&
      ((event.type === "FORWARD" && event.actor.roles.includes("office") && ctx.submittedBy === me) ||
        (event.type === "APPROVE" &&
          event.actor.roles.includes("approver") &&
          (ctx.submittedBy === me || ctx.forwardedBy === me)));
    if (reacts && ownWork) {
      throw new WorkflowError("SEPARATION_OF_DUTIES", `${event.type} on own work refused`, {
        state: from,
        event: event.type,
        rule: ctx.submittedBy === me ? "submitter" : "forwarder",
      });
    }
    throw new WorkflowError(
      reacts ? "FORBIDDEN" : "INVALID_TRANSITION",
      `${event.type} not allowed in ${from}`,
      {
        state: from,
        event: event.type,
      },
    );
  }
  // The machine allows it (role, version, submitter, forwarder): now the authors of the version.
  const barred = AUTHOR_BARRED[event.type];
  if (barred && me != null && authors.includes(me)) {
    throw new WorkflowError(
      "SEPARATION_OF_DUTIES",
      `${event.type} by an author of the version refused`,
      { state: from, event: event.type, rule: "author" },
      barred.vi,
    );
  }
  const next = nextAssetSnapshot(snapshot, event);
  return { from, to: next.value as AssetState, ...persistAssetSnapshot(next) };
}

function writeStep(
  handle: DbHandle,
  asset: AssetRecord,
  s: Step,
  at: string,
  currentVersionId?: string,
): number {
  const rowVersion = asset.rowVersion + 1;
  const res = exec(
    handle.sqlite,
    handle.db
      .updateTable("assets")
      .set({
        state: s.to,
        snapshot_json: s.snapshotJson,
        machine_id: s.machineId,
        machine_version: s.machineVersion,
        row_version: rowVersion,
        updated_at: at,
        ...(currentVersionId ? { current_version_id: currentVersionId } : {}),
      })
      .where("id", "=", asset.id)
      .where("row_version", "=", asset.rowVersion),
  );
  // Unreachable while every writer uses BEGIN IMMEDIATE; kept so a writer that does not still cannot double-apply.
  if (res.changes !== 1) throw new WorkflowError("CONFLICT", "row_version changed during the transaction");
  return rowVersion;
}

/** Who hears about a transition; the notifier (written later) reads these from the outbox. */
const NOTIFY: Partial<Record<AssetState, { roles: Role[]; creator: boolean }>> = {
  office_review: { roles: ["office"], creator: false },
  awaiting_approval: { roles: ["approver"], creator: true },
  returned: { roles: [], creator: true },
  approved: { roles: [], creator: true },
  rejected: { roles: [], creator: true },
  withdrawn: { roles: ["office"], creator: false },
  published: { roles: ["printer"], creator: true },
  revoked: { roles: ["printer", "office"], creator: true },
};

function enqueueSideEffects(
  handle: DbHandle,
  asset: AssetRecord,
  s: Step,
  type: AssetEventType,
  auditId: number,
  versionId: string,
  versionHash: string,
  now: Date,
): number[] {
  const ids: number[] = [];
  const job = { assetId: asset.id, code: asset.code, versionId, versionHash };
  if (type === "APPROVE") ids.push(enqueuePublish(handle, job, now));
  if (type === "REVOKE") {
    ids.push(enqueueUnpublish(handle, { ...job, wasPublished: s.from === "published" }, now));
  }
  const notify = NOTIFY[s.to];
  if (notify && s.from !== s.to) {
    ids.push(
      enqueueNotify(
        handle,
        {
          assetId: asset.id,
          code: asset.code,
          title: asset.title,
          action: type,
          fromState: s.from,
          toState: s.to,
          auditId,
          notifyRoles: notify.roles,
          notifyUserIds: notify.creator ? [asset.createdBy] : [],
        },
        now,
      ),
    );
  }
  return ids;
}

function currentVersionOrThrow(asset: AssetRecord): { id: string; hash: string } {
  if (!asset.currentVersionId || !asset.currentVersionHash) {
    throw new WorkflowError("NOT_FOUND", "asset has no version");
  }
  return { id: asset.currentVersionId, hash: asset.currentVersionHash };
}

/**
 * Trusted entry: the actor's roles are taken as given. For the publisher (system actor) and for
 * tests; request handlers must use applyAssetEvent, which reads roles from the database.
 */
export function applyAssetEventAs(
  handle: DbHandle,
  input: Omit<ApplyEventInput, "event"> & {
    event: Omit<ApplyEventInput["event"], "actor">;
  },
  actor: WorkflowActor,
): ApplyResult {
  const { reason, comment } = validateEvent(input.event);
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return immediate(handle.sqlite, () => {
    const asset = loadAsset(handle, input.assetId, input.expectedRowVersion);
    const version = currentVersionOrThrow(asset);
    if (input.versionHash !== version.hash) {
      throw new WorkflowError("STALE_VERSION", "decision made on an older version", {
        expected: version.hash,
        got: input.versionHash,
      });
    }
    if (PREFLIGHT_GATED.includes(input.event.type)) {
      const row = first(
        handle.sqlite,
        handle.db.selectFrom("asset_versions").select("preflight_json").where("id", "=", version.id),
      );
      const stored = parseStoredPreflight(row?.preflight_json);
      if (stored?.errors.length) {
        throw preflightFailure(stored.errors, PREFLIGHT_GATED_VI[input.event.type] ?? "Không thể xử lý", {
          event: input.event.type,
        });
      }
    }
    const event = {
      type: input.event.type,
      actor,
      versionHash: input.versionHash,
      ...(comment ? { comment } : {}),
      ...(reason ? { reason } : {}),
    } as AssetEvent;
    const authors = AUTHOR_BARRED[input.event.type] ? versionAuthors(handle, version.id) : [];
    const s = step(asset, event, authors);
    const rowVersion = writeStep(handle, asset, s, at);
    const audit = appendAudit(handle, {
      assetId: asset.id,
      versionId: version.id,
      actorUserId: actor.userId,
      actorRole: actingRole(input.event.type, s.from),
      action: input.event.type,
      fromState: s.from,
      toState: s.to,
      reasonCode: reason?.code ?? null,
      reasonText: reason?.text || null,
      comment: comment ?? null,
      versionHash: version.hash,
      at,
    });
    const outboxIds = enqueueSideEffects(
      handle,
      asset,
      s,
      input.event.type,
      audit.id,
      version.id,
      version.hash,
      now,
    );
    return {
      assetId: asset.id,
      code: asset.code,
      fromState: s.from,
      toState: s.to,
      rowVersion,
      auditId: audit.id,
      outboxIds,
    };
  });
}

/** Applies a user's decision (SUBMIT, FORWARD, RETURN, APPROVE, REJECT, WITHDRAW, REVOKE). */
export function applyAssetEvent(handle: DbHandle, input: ApplyEventInput): ApplyResult {
  validateEvent(input.event);
  return immediate(handle.sqlite, () => {
    const actor = resolveActor(handle, input.event.actor);
    return applyAssetEventAs(handle, input, actor);
  });
}

/** Called by the publisher once the approved PDF is verifiably in the object store. */
export function markPublished(
  handle: DbHandle,
  input: { assetId: string; versionHash: string; comment?: string; now?: Date },
): ApplyResult {
  return applyAssetEventAs(
    handle,
    {
      assetId: input.assetId,
      versionHash: input.versionHash,
      event: { type: "PUBLISHED", comment: input.comment },
      now: input.now,
    },
    { userId: null, roles: [SYSTEM_ROLE] },
  );
}

const PDF_MAGIC = Buffer.from("%PDF-");
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

function startsWith(bytes: Uint8Array, magic: Buffer): boolean {
  return bytes.byteLength >= magic.length && Buffer.from(bytes.subarray(0, magic.length)).equals(magic);
}

/** Returns the hash decisions bind to: the print PDF's, or for screen formats the PNG's. */
function checkFiles(files: RenderedFiles): string {
  const primary = files ? primaryFile(files) : null;
  if (!primary) throw new WorkflowError("INVALID_INPUT", "a print PDF or a screen PNG is required");
  if (files.pdf && !startsWith(files.pdf, PDF_MAGIC)) {
    throw new WorkflowError("INVALID_INPUT", "pdf bytes do not start with %PDF-");
  }
  if (files.png && !startsWith(files.png, PNG_MAGIC)) {
    throw new WorkflowError("INVALID_INPUT", "png bytes are not a PNG");
  }
  return sha256Hex(primary.bytes);
}

/**
 * The version's text as the renderer sets it: the same cleaning (and limits) the render ran, so
 * the stored text is what the file shows. Title: one line of the text.
 */
function versionText(input: { text: string; subtitle?: string | null }) {
  const text = cleanField(input.text).text;
  const subtitle = input.subtitle
    ? cleanField(input.subtitle, { field: "Dòng phụ", maxChars: MAX_SUBTITLE_CHARS, allowEmpty: true }).text
    : "";
  return { text, subtitle: subtitle || null };
}

function requireDrafter(handle: DbHandle, actor: { userId: string; roles?: Role[] }): WorkflowActor {
  const resolved = resolveActor(handle, actor);
  if (!resolved.roles.includes("drafter"))
    throw new WorkflowError("FORBIDDEN", "only a drafter creates or edits");
  return resolved;
}

export interface CreateAssetInput {
  actor: { userId: string; roles?: Role[] };
  planId: string;
  contentItemId: string | null;
  sloganId?: string | null;
  templateId: string;
  formatId: string;
  /** Defaults to the text. */
  title?: string;
  text: string;
  subtitle?: string | null;
  options?: Record<string, unknown>;
  files: RenderedFiles;
  placement?: Placement | null;
  quantity?: number | null;
  materialHint?: string | null;
  /** Preflight report of the render the files came from: stored; errors refuse the creation. */
  preflight?: StoredPreflight | null;
  now?: Date;
}

export interface CreatedVersion {
  assetId: string;
  code: string;
  versionId: string;
  n: number;
  versionHash: string;
  verifyCode: string;
  state: AssetState;
  rowVersion: number;
}

const PLACEMENTS: readonly Placement[] = ["road", "office", "village_hall", "crowded_place", "online"];

/** Creates an asset in draft with version 1 from already-rendered files. */
export function createAsset(handle: DbHandle, input: CreateAssetInput): CreatedVersion {
  const primaryHash = checkFiles(input.files);
  const preflight = checkPreflight(input.preflight, "Chưa tạo ấn phẩm");
  const { text, subtitle } = versionText(input);
  const title = cleanField(input.title ?? text, {
    field: "Tiêu đề",
    maxChars: 200,
    multiline: false,
    checkMarks: false,
  }).text;
  if (input.placement != null && !PLACEMENTS.includes(input.placement)) {
    throw new WorkflowError("INVALID_INPUT", "unknown placement");
  }
  if (input.quantity != null && !(Number.isInteger(input.quantity) && input.quantity > 0)) {
    throw new WorkflowError("INVALID_INPUT", "quantity must be a positive integer");
  }
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return immediate(handle.sqlite, () => {
    const actor = requireDrafter(handle, input.actor);
    const plan = first(
      handle.sqlite,
      handle.db.selectFrom("plans").select(["id", "code"]).where("id", "=", input.planId),
    );
    if (!plan) throw new WorkflowError("NOT_FOUND", "plan not found");
    let itemCode: string | null = null;
    if (input.contentItemId) {
      const item = first(
        handle.sqlite,
        handle.db
          .selectFrom("content_items")
          .select("code")
          .where("id", "=", input.contentItemId)
          .where("plan_id", "=", plan.id),
      );
      if (!item) throw new WorkflowError("NOT_FOUND", "content item not in this plan");
      itemCode = item.code;
    }
    const id = randomUUID();
    const code = nextAssetCode(handle, plan.code, itemCode);
    const versionHash = primaryHash;
    const initial = persistAssetSnapshot(initialAssetSnapshot(versionHash));
    exec(
      handle.sqlite,
      handle.db.insertInto("assets").values({
        id,
        code,
        plan_id: plan.id,
        content_item_id: input.contentItemId,
        slogan_id: input.sloganId ?? null,
        template_id: input.templateId,
        format_id: input.formatId,
        title,
        created_by: actor.userId!,
        state: "draft",
        snapshot_json: initial.snapshotJson,
        machine_id: initial.machineId,
        machine_version: initial.machineVersion,
        row_version: 0,
        current_version_id: null,
        placement: input.placement ?? null,
        quantity: input.quantity ?? null,
        material_hint: input.materialHint
          ? cleanNote(input.materialHint, "Chất liệu", COMMENT_MAX) || null
          : null,
        created_at: at,
        updated_at: at,
      }),
    );
    const version = insertVersion(handle, {
      assetId: id,
      text,
      subtitle,
      options: input.options,
      files: input.files,
      preflight,
      createdBy: actor.userId!,
      at,
    });
    exec(
      handle.sqlite,
      handle.db.updateTable("assets").set({ current_version_id: version.id }).where("id", "=", id),
    );
    appendAudit(handle, {
      assetId: id,
      versionId: version.id,
      actorUserId: actor.userId,
      actorRole: "drafter",
      action: "CREATE",
      fromState: null,
      toState: "draft",
      versionHash: version.contentHash,
      at,
    });
    return {
      assetId: id,
      code,
      versionId: version.id,
      n: version.n,
      versionHash: version.contentHash,
      verifyCode: version.verifyCode,
      state: "draft",
      rowVersion: 0,
    };
  });
}

export interface CreateVersionInput {
  assetId: string;
  actor: { userId: string; roles?: Role[] };
  /** Hash of the version the edit started from; another edit in between makes this one stale. */
  baseVersionHash: string;
  expectedRowVersion?: number;
  text: string;
  subtitle?: string | null;
  options?: Record<string, unknown>;
  files: RenderedFiles;
  /** Preflight report of the render the files came from: stored; errors refuse the edit. */
  preflight?: StoredPreflight | null;
  comment?: string;
  now?: Date;
}

/** EDIT: stores a new version (draft, returned or withdrawn assets only) and moves the asset to draft. */
export function createVersion(handle: DbHandle, input: CreateVersionInput): CreatedVersion {
  const preflight = checkPreflight(input.preflight, "Chưa tạo phiên bản mới");
  const { text, subtitle } = versionText(input);
  const comment = normalizeComment(input.comment);
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return immediate(handle.sqlite, () => {
    const asset = loadAsset(handle, input.assetId, input.expectedRowVersion);
    const actor = resolveActor(handle, input.actor);
    const base = currentVersionOrThrow(asset);
    if (input.baseVersionHash !== base.hash) {
      throw new WorkflowError("STALE_VERSION", "edit based on an older version", { expected: base.hash });
    }
    const newHash = checkFiles(input.files);
    // Ask the machine before writing anything, so a refused edit leaves no orphan version behind.
    const s = step(asset, { type: "EDIT", actor, versionHash: newHash, ...(comment ? { comment } : {}) });
    const version = insertVersion(handle, {
      assetId: asset.id,
      text,
      subtitle,
      options: input.options,
      files: input.files,
      preflight,
      createdBy: actor.userId!,
      at,
    });
    const rowVersion = writeStep(handle, asset, s, at, version.id);
    appendAudit(handle, {
      assetId: asset.id,
      versionId: version.id,
      actorUserId: actor.userId,
      actorRole: "drafter",
      action: "EDIT",
      fromState: s.from,
      toState: s.to,
      comment: comment ?? null,
      versionHash: version.contentHash,
      at,
    });
    return {
      assetId: asset.id,
      code: asset.code,
      versionId: version.id,
      n: version.n,
      versionHash: version.contentHash,
      verifyCode: version.verifyCode,
      state: s.to,
      rowVersion,
    };
  });
}
