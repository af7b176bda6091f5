import { isOverdue } from "../../domain/deadlines";
import { REASON_CODES, REASON_LABELS_VI } from "../../domain/reasons";
import { vnDate } from "../../domain/working-days";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { addComment, getAsset, listComments, listVersions } from "../../storage/assets";
import { exportApprovalRecord } from "../../storage/audit";
import type { DbHandle } from "../../storage/db";
import { first } from "../../storage/db/sync";
import { installationsForAsset } from "../../storage/installations";
import { socialPostsFor } from "../../storage/report";
import { enqueueCommentNotify } from "../../storage/outbox";
import { getContentItem } from "../../storage/plan";
import type { User } from "../../storage/users";
import { getTemplate } from "../../templates/catalog";
import { getFormat, isPrintFormat } from "../../templates/formats";
import { availableDecisions, canEdit } from "./asset-view.server";
import { hasRole } from "./auth.server";
import { editAsset } from "./asset-edit.server";
import { DECISION_DONE_VI, decide, decisionSchema } from "./decide.server";
import { editorPageData } from "./editor.server";
import { mayReadMinute } from "./minute.server";
import { userRefusal } from "./errors.server";
import { formatMm, PLACEMENT_LABELS_VI } from "./format";
import { forbidden, notFound, publicOrigin } from "./http.server";
import { pick, RENDER_KEYS, renderParamsSchema, resolveRenderInput } from "./render-input.server";
import { editorDesignData } from "./design-controls.server";
import { appObjectStore } from "./stores.server";

const MINUTE_STATES: readonly string[] = ["approved", "published", "revoked"];

/** The asset's deadline and the task it serves (migration 007); nulls when it has none. */
function deadline(handle: DbHandle, assetId: string, state: string, now: Date) {
  const row = first(
    handle.conn,
    handle.db
      .selectFrom("assets as a")
      .leftJoin("tasks as t", "t.id", "a.task_id")
      .select(["a.due_on", "t.number", "t.title"])
      .where("a.id", "=", assetId),
  );
  const dueOn = row?.due_on ?? null;
  return {
    dueOn,
    overdue: isOverdue(state as Parameters<typeof isOverdue>[0], dueOn, vnDate(now)),
    task: row?.number != null ? { number: row.number, title: row.title ?? "" } : null,
  };
}

/** A format's label and size for display ("Băng rôn 1 × 7 m", "7 000 × 1 000 mm"); its id when dropped from the catalogue. */
export function describeFormat(formatId: string): { label: string; size: string; print: boolean } {
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
 * The designs (each with the formats it can lay out), the formats, and each design's controls
 * (palettes, alignment, fonts, the content item's photos) the page's editor offers.
 */
function designChoices(handle: DbHandle, contentItemId: string | null) {
  const { templates, formats } = editorPageData(handle, "");
  return { templates, formats, design: editorDesignData(handle, contentItemId ?? undefined) };
}

/**
 * What the asset page shows of one asset: its versions (the current one marked), comments,
 * approval history, its deadline (`dueOn` YYYY-MM-DD, `overdue` against today in Vietnam), the
 * last return or forward (`lastReturn`, `officeNote`: what the page opens with), the installation
 * proof of its printed copies (`installations`, newest first, with photos), and what this user
 * may do with it now (`asset.choices`: the designs and formats to edit with, null unless `canEdit`). Throws the 404 page for an unknown id.
 */
export function assetPageData(handle: DbHandle, user: User, assetId: string, now = new Date()) {
  const asset = getAsset(handle, assetId);
  if (!asset) notFound("Không tìm thấy ấn phẩm.");
  const versions = listVersions(handle, asset.id);
  const current = versions.find((v) => v.id === asset.currentVersionId) ?? versions[versions.length - 1];
  const item = asset.contentItemId ? getContentItem(handle, asset.contentItemId) : null;
  const record = exportApprovalRecord(handle, asset.id);
  const rows = record?.rows ?? [];
  const latest = (action: string) => rows.filter((r) => r.action === action).at(-1) ?? null;
  const returned = asset.state === "returned" ? latest("RETURN") : null;
  const forwarded = latest("FORWARD");
  return {
    deadline: deadline(handle, asset.id, asset.state, now),
    lastReturn: returned
      ? {
          who: returned.who,
          at: returned.at,
          reasonLabel: returned.reasonLabel,
          reasonText: returned.reasonText,
          comment: returned.comment,
          versionN: returned.versionN,
        }
      : null,
    officeNote: forwarded ? { who: forwarded.who, at: forwarded.at, comment: forwarded.comment } : null,
    asset: {
      id: asset.id,
      code: asset.code,
      title: asset.title,
      state: asset.state,
      rowVersion: asset.rowVersion,
      templateId: asset.templateId,
      formatId: asset.formatId,
      templateName: templateName(asset.templateId),
      placement: asset.placement ? PLACEMENT_LABELS_VI[asset.placement] : null,
      quantity: asset.quantity,
      // The editor's designs and formats, only for those who may edit: the page's editor offers them.
      choices: canEdit(asset.state, user) ? designChoices(handle, asset.contentItemId) : null,
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
    history: rows.map((r) => ({
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
    // Where the printed copies hang, with the photos (issue 13 §3); empty before any is recorded.
    installations: installationsForAsset(handle, asset.id),
    // "Đã đăng" records of a published social asset (issue 13 §5); null for print formats.
    socialPosts: socialPostsFor(handle, asset.id, user),
    // The approval minute exists once a version was approved; a revoked asset keeps its minute.
    minuteHref:
      MINUTE_STATES.includes(asset.state) && mayReadMinute(handle, user, asset)
        ? `/asset/${encodeURIComponent(asset.id)}/minute.pdf`
        : null,
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
  comment: z.string().max(2000).optional(),
  submit: z.enum(["0", "1"]).optional(),
  template: z.string().min(1).max(64).optional(),
  /** The asset's own format after the edit; absent: the first ticked, else the one it has. */
  format: z.string().min(1).max(64).optional(),
});

/** The formats ticked: besides the asset's own, each one becomes a new asset. */
const formatsSchema = z.array(z.string().min(1).max(64)).max(12);

type AssetForm = Record<string, FormDataEntryValue>;

const done = (ok: string) => ({ ok, error: null, issues: [] as string[] });
const refused = (error: string, status: number, issues: string[] = []) =>
  data({ error, ok: null, issues }, { status });
const INVALID = "Dữ liệu gửi lên không hợp lệ.";

// The page's editor sends the whole render input (text, subtitle, extra lines), as the editor
// does: what it previewed is what is rendered. The design and `format` become the asset's (absent:
// its own); the other formats ticked become new assets with the same content.
async function newVersion(handle: DbHandle, user: User, assetId: string, form: AssetForm, fields: FormData) {
  if (!hasRole(user, "drafter")) forbidden();
  const parsed = editSchema.safeParse(form);
  const formats = formatsSchema.safeParse(fields.getAll("formats"));
  const asset = getAsset(handle, assetId);
  if (!parsed.success || !formats.success || !asset) return refused(INVALID, 400);
  const formatId = parsed.data.format ?? formats.data[0] ?? asset.formatId;
  const extraFormatIds = formats.data.filter((f) => f !== formatId);
  const render = renderParamsSchema.safeParse({
    ...pick(fields, RENDER_KEYS),
    template: parsed.data.template ?? asset.templateId,
    format: formatId,
  });
  if (!render.success) return refused(INVALID, 400);
  const submit = parsed.data.submit === "1";
  const { version, extra } = await editAsset(
    handle,
    user,
    {
      assetId,
      baseVersionHash: parsed.data.baseVersionHash,
      templateId: render.data.template,
      formatId,
      input: await resolveRenderInput(handle, appObjectStore, render.data),
      extraFormatIds,
      comment: parsed.data.comment,
      submit,
    },
    publicOrigin(),
  );
  const message = `Đã tạo phiên bản ${version.n}${submit ? " và gửi duyệt lại" : ""}.`;
  if (extra.length === 0) return done(message);
  // With new assets beside it, the confirmation lists them all, the edited asset first.
  const ids = [version, ...extra].map((c) => `id=${encodeURIComponent(c.assetId)}`).join("&");
  return redirect(`/created?${ids}&edited=${encodeURIComponent(version.assetId)}`);
}

function comment(handle: DbHandle, user: User, assetId: string, form: AssetForm) {
  const parsed = commentSchema.safeParse(form);
  if (!parsed.success) return refused("Ý kiến không hợp lệ.", 400);
  const { pinX, pinY } = parsed.data;
  const asset = getAsset(handle, assetId);
  if (!asset) notFound("Không tìm thấy ấn phẩm.");
  const added = addComment(handle, {
    assetId,
    versionId: parsed.data.versionId || null,
    authorId: user.id,
    body: parsed.data.body,
    pin: pinX !== undefined && pinY !== undefined ? { x: pinX, y: pinY } : null,
  });
  // Right after the comment's own transaction; keyed by the comment, so a retry enqueues nothing twice.
  enqueueCommentNotify(handle, {
    assetId,
    code: asset.code,
    commentId: added.id,
    notifyRoles: [],
    notifyUserIds: [asset.createdBy],
  });
  return done("Đã ghi ý kiến.");
}

/**
 * One post of the asset page, by its `intent`: a decision, a comment (its notification to the
 * asset's author is queued), or a drafter's new version (text, subtitle, extra lines, design and
 * formats; with extra formats it redirects to /created listing the edited asset and the new ones).
 * Invalid input answers 400; a refusal from the workflow (stale version, preflight errors, bad
 * text) answers 409 with the message and, for preflight, the errors one by one.
 */
export async function assetPageAction(handle: DbHandle, user: User, assetId: string, fields: FormData) {
  const form: AssetForm = Object.fromEntries(fields);
  try {
    if (form.intent === "decide") {
      const parsed = decisionSchema.safeParse({ ...form, assetId });
      if (!parsed.success) return refused(INVALID, 400);
      decide(handle, user, parsed.data);
      return done(DECISION_DONE_VI[parsed.data.decision]);
    }
    if (form.intent === "comment") return comment(handle, user, assetId, form);
    if (form.intent === "edit") return await newVersion(handle, user, assetId, form, fields);
  } catch (e) {
    const r = userRefusal(e);
    return refused(r.error, 409, r.issues);
  }
  return refused("Thao tác không hợp lệ.", 400);
}
