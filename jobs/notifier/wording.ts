import { ACTION_LABELS_VI, type AuditAction } from "../../domain/decisions";
import { REASON_LABELS_VI, type ReasonCode } from "../../domain/reasons";
import { type ActorRole, ROLE_LABELS_VI } from "../../domain/roles";
import { type AssetState, STATE_LABELS_VI } from "../../domain/states";
import type { CommentSource, DecisionSource, NoticeAsset } from "../../storage/notifications";
import { getFormat } from "../../templates/formats";
import type { NoticeContent } from "./channel";

// What a notice says, in Vietnamese, built from the record (audit row, comment, version). The same
// content feeds the inbox entry, the e-mail and (later) a Zalo message.

/** What is now waiting, by the state the asset reached: the inbox title and the mail subject. */
const HEADLINES: Partial<Record<AssetState, string>> = {
  office_review: "Chờ thẩm định",
  awaiting_approval: "Chờ phê duyệt",
  returned: "Yêu cầu chỉnh sửa",
  approved: "Đã phê duyệt",
  rejected: "Bị từ chối",
  withdrawn: "Đã rút lại",
  published: "Đã phát hành",
  revoked: "Đã thu hồi",
};

export const COMMENT_KIND = "COMMENT";
const COMMENT_HEADLINE = "Ý kiến mới";

/** The asset page (app/routes/asset.$assetId.tsx). */
export const assetPath = (assetId: string) => `/asset/${encodeURIComponent(assetId)}`;

function formatLabel(formatId: string): string {
  try {
    return getFormat(formatId).label;
  } catch {
    // A format taken out of the catalogue since: the id still tells the printer what it was.
    return formatId;
  }
}

/** At most `max` code points, with "…" when cut: summaries stay one glance long. */
function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

function summaryOf(c: Omit<NoticeContent, "summary">): string {
  const who = c.actor ? `${c.actor.name} (${c.actor.roleLabel})` : "Hệ thống";
  const parts = [`${who}: ${c.actionLabel}.`];
  if (c.slogan) parts.push(`Khẩu hiệu: “${clip(c.slogan, 160)}” (${c.formatLabel}).`);
  else parts.push(`Khổ: ${c.formatLabel}.`);
  if (c.reason)
    parts.push(`Lý do: ${c.reason.label}${c.reason.text ? ` – ${clip(c.reason.text, 240)}` : ""}.`);
  if (c.note) parts.push(`${c.kind === COMMENT_KIND ? "Nội dung" : "Ý kiến"}: ${clip(c.note, 240)}`);
  return parts.join(" ");
}

function base(a: NoticeAsset, origin: string) {
  const linkPath = assetPath(a.assetId);
  return {
    assetId: a.assetId,
    code: a.code,
    slogan: a.slogan,
    versionN: a.versionN,
    formatLabel: formatLabel(a.formatId),
    linkPath,
    url: `${origin}${linkPath}`,
  };
}

/** The notice for a decision (an audit row). `origin` has no trailing slash. */
export function describeDecision(s: DecisionSource, origin: string): NoticeContent {
  const state = s.toState as AssetState | null;
  // A row that leaves the state as it was (a print shop's "đã in", an installation) is news of the
  // action, not of the state: "Đã phát hành" would tell the office nothing new.
  const moved = state !== null && s.fromState !== s.toState;
  const headline =
    (moved ? (HEADLINES[state] ?? STATE_LABELS_VI[state]) : undefined) ??
    ACTION_LABELS_VI[s.action as AuditAction] ??
    s.action;
  const roleLabel = ROLE_LABELS_VI[s.actorRole as ActorRole] ?? s.actorRole;
  const reasonLabel = s.reasonCode ? (REASON_LABELS_VI[s.reasonCode as ReasonCode] ?? s.reasonCode) : null;
  const content: Omit<NoticeContent, "summary"> = {
    ...base(s, origin),
    kind: s.action,
    headline,
    title: `${headline}: ${s.code}`,
    actor: s.actorRole === "system" ? null : { name: s.actorName ?? "(không rõ)", roleLabel },
    actionLabel: ACTION_LABELS_VI[s.action as AuditAction] ?? s.action,
    stateLabel: state ? (STATE_LABELS_VI[state] ?? state) : null,
    reason: reasonLabel ? { label: reasonLabel, text: s.reasonText ?? "" } : null,
    note: s.comment?.trim() || null,
    at: s.at,
  };
  return { ...content, summary: summaryOf(content) };
}

export const REMINDER_KIND = "REMINDER";

/**
 * The reminder that an asset has waited `workingDays` working days at the step the audit row `s`
 * began: the same facts as that decision's notice, headed "Nhắc việc", from nobody in particular.
 */
export function describeReminder(s: DecisionSource, workingDays: number, origin: string): NoticeContent {
  const d = describeDecision(s, origin);
  const step = d.stateLabel ?? d.headline;
  const headline = `Nhắc việc – ${d.headline}`;
  const content: Omit<NoticeContent, "summary"> = {
    ...d,
    kind: REMINDER_KIND,
    headline,
    title: `${headline}: ${s.code}`,
    actor: null,
    actionLabel: `Ấn phẩm đã chờ ${workingDays} ngày làm việc ở bước “${step}” (từ khi ${d.actor ? d.actor.name : "hệ thống"} ${d.actionLabel.toLowerCase()})`,
  };
  return { ...content, summary: summaryOf(content) };
}

/** The notice for a comment on an asset. */
export function describeComment(s: CommentSource, origin: string): NoticeContent {
  const roles = s.authorRoles.filter((r) => r !== "admin");
  const content: Omit<NoticeContent, "summary"> = {
    ...base(s, origin),
    kind: COMMENT_KIND,
    headline: COMMENT_HEADLINE,
    title: `${COMMENT_HEADLINE}: ${s.code}`,
    actor: {
      name: s.authorName ?? "(không rõ)",
      roleLabel:
        (roles.length ? roles : s.authorRoles).map((r) => ROLE_LABELS_VI[r]).join(", ") || "Người dùng",
    },
    actionLabel: "Góp ý về ấn phẩm",
    stateLabel: null,
    reason: null,
    note: s.body,
    at: s.at,
  };
  return { ...content, summary: summaryOf(content) };
}
