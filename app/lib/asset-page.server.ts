import { REASON_CODES, REASON_LABELS_VI } from "../../domain/reasons";
import { data } from "@remix-run/node";
import { z } from "zod";
import { addComment, getAsset, listComments, listVersions } from "../../storage/assets";
import { exportApprovalRecord } from "../../storage/audit";
import type { DbHandle } from "../../storage/db";
import { getContentItem } from "../../storage/plan";
import type { User } from "../../storage/users";
import { getTemplate } from "../../templates/catalog";
import { getFormat, isPrintFormat } from "../../templates/formats";
import { availableDecisions, canEdit } from "./asset-view.server";
import { hasRole } from "./auth.server";
import { createVersionWithFiles } from "./create.server";
import { DECISION_DONE_VI, decide, decisionSchema } from "./decide.server";
import { userRefusal } from "./errors.server";
import { formatMm, PLACEMENT_LABELS_VI } from "./format";
import { forbidden, notFound, publicOrigin } from "./http.server";
import { renderParamsSchema, toRenderInput } from "./render-input.server";

function describeFormat(formatId: string): { label: string; size: string; print: boolean } {
  try {
    const f = getFormat(formatId);
    return isPrintFormat(f)
      ? { label: f.label, size: `${formatMm(f.trimWidthMm)} × ${formatMm(f.trimHeightMm)}`, print: true }
      : { label: f.label, size: `${f.widthPx} × ${f.heightPx} px`, print: false };
  } catch {
    // A format dropped from the catalogue since the asset was made: its id is all there is to show.
    return { label: formatId, size: "", print: false };
  }
}

function templateName(templateId: string): string {
  try {
    return getTemplate(templateId).name;
  } catch {
    // template removed from the catalogue since: show its id
    return templateId;
  }
}

/**
 * What the asset page shows of one asset: its versions (the current one marked), comments,
 * approval history, and what this user may do with it now. Throws the 404 page for an unknown id.
 */
export function assetPageData(handle: DbHandle, user: User, assetId: string) {
  const asset = getAsset(handle, assetId);
  if (!asset) notFound("Không tìm thấy ấn phẩm.");
  const versions = listVersions(handle, asset.id);
  const current = versions.find((v) => v.id === asset.currentVersionId) ?? versions[versions.length - 1];
  const item = asset.contentItemId ? getContentItem(handle, asset.contentItemId) : null;
  const record = exportApprovalRecord(handle, asset.id);
  return {
    asset: {
      id: asset.id,
      code: asset.code,
      title: asset.title,
      state: asset.state,
      rowVersion: asset.rowVersion,
      templateName: templateName(asset.templateId),
      placement: asset.placement ? PLACEMENT_LABELS_VI[asset.placement] : null,
      quantity: asset.quantity,
    },
    item: item ? { id: item.id, code: item.code, title: item.title } : null,
    format: describeFormat(asset.formatId),
    versions: versions.map((v) => ({
      id: v.id,
      n: v.n,
      text: v.text,
      subtitle: v.subtitle,
      options: v.options,
      contentHash: v.contentHash,
      verifyCode: v.verifyCode,
      createdAt: v.createdAt,
      hasPng: v.files.some((f) => f.kind === "png"),
      preflight: v.preflight ? { errors: v.preflight.errors, warnings: v.preflight.warnings } : null,
    })),
    currentId: current?.id ?? null,
    comments: listComments(handle, asset.id),
    history: (record?.rows ?? []).map((r) => ({
      id: r.id,
      at: r.at,
      who: r.who,
      roleLabel: r.roleLabel,
      actionLabel: r.actionLabel,
      toStateLabel: r.toStateLabel,
      reasonLabel: r.reasonLabel,
      reasonText: r.reasonText,
      comment: r.comment,
      versionN: r.versionN,
      versionHash: r.versionHash,
    })),
    decisions: availableDecisions(asset.state, user),
    canEdit: canEdit(asset.state, user),
    reasons: REASON_CODES.map((c) => ({ code: c, label: REASON_LABELS_VI[c] })),
  };
}

export type AssetPageData = ReturnType<typeof assetPageData>;
export type AssetPageVersion = AssetPageData["versions"][number];
export type AssetPageComment = AssetPageData["comments"][number];
export type AssetPageHistoryRow = AssetPageData["history"][number];

const commentSchema = z.object({
  body: z.string().min(1).max(2000),
  versionId: z.string().max(100).optional(),
  pinX: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  pinY: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

const editSchema = z.object({
  baseVersionHash: z.string().regex(/^[0-9a-f]{64}$/),
  text: z.string().max(1000),
  subtitle: z.string().max(400).optional(),
  comment: z.string().max(2000).optional(),
  submit: z.enum(["0", "1"]).optional(),
});

type AssetForm = Record<string, FormDataEntryValue>;

const done = (ok: string) => ({ ok, error: null, issues: [] as string[] });
const refused = (error: string, status: number, issues: string[] = []) =>
  data({ error, ok: null, issues }, { status });
const INVALID = "Dữ liệu gửi lên không hợp lệ.";

// A new version keeps the options (issuer, hotline, QR…) of the one it replaces: the page's form
// only edits the text.
async function newVersion(handle: DbHandle, user: User, assetId: string, form: AssetForm) {
  if (!hasRole(user, "drafter")) forbidden();
  const parsed = editSchema.safeParse(form);
  const asset = getAsset(handle, assetId);
  if (!parsed.success || !asset) return refused(INVALID, 400);
  const prev = listVersions(handle, assetId).find((v) => v.id === asset.currentVersionId);
  const input = toRenderInput(
    renderParamsSchema.parse({
      template: asset.templateId,
      format: asset.formatId,
      text: parsed.data.text,
      subtitle: parsed.data.subtitle,
    }),
  );
  input.options = { ...((prev?.options as object) ?? {}) };
  const submit = parsed.data.submit === "1";
  const v = await createVersionWithFiles(
    handle,
    user,
    { assetId, baseVersionHash: parsed.data.baseVersionHash, input, comment: parsed.data.comment, submit },
    publicOrigin(),
  );
  return done(`Đã tạo phiên bản ${v.n}${submit ? " và gửi duyệt lại" : ""}.`);
}

function comment(handle: DbHandle, user: User, assetId: string, form: AssetForm) {
  const parsed = commentSchema.safeParse(form);
  if (!parsed.success) return refused("Ý kiến không hợp lệ.", 400);
  const { pinX, pinY } = parsed.data;
  addComment(handle, {
    assetId,
    versionId: parsed.data.versionId || null,
    authorId: user.id,
    body: parsed.data.body,
    pin: pinX !== undefined && pinY !== undefined ? { x: pinX, y: pinY } : null,
  });
  return done("Đã ghi ý kiến.");
}

/**
 * One post of the asset page, by its `intent`: a decision, a comment, or a drafter's new version.
 * Invalid input answers 400; a refusal from the workflow (stale version, preflight errors, bad
 * text) answers 409 with the message and, for preflight, the errors one by one.
 */
export async function assetPageAction(handle: DbHandle, user: User, assetId: string, form: AssetForm) {
  try {
    if (form.intent === "decide") {
      const parsed = decisionSchema.safeParse({ ...form, assetId });
      if (!parsed.success) return refused(INVALID, 400);
      decide(handle, user, parsed.data);
      return done(DECISION_DONE_VI[parsed.data.decision]);
    }
    if (form.intent === "comment") return comment(handle, user, assetId, form);
    if (form.intent === "edit") return await newVersion(handle, user, assetId, form);
  } catch (e) {
    const r = userRefusal(e);
    return refused(r.error, 409, r.issues);
  }
  return refused("Thao tác không hợp lệ.", 400);
}
