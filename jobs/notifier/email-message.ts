import type { DigestContent, NoticeContent } from "./channel";
import { formatLocalDate, formatLocalTime } from "./local-time";

// The e-mails themselves: Vietnamese, plain text first (what every client shows), and a simple HTML
// twin without images or remote resources. nodemailer encodes the subject (RFC 2047) and the
// bodies (UTF-8, quoted-printable) for the ASCII-only wire.

export const SUBJECT_TAG = "[Cổ động]";

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

const FOOTER =
  "Thư này do hệ thống Cổ động gửi tự động, vui lòng không trả lời. " +
  "Để nhận thư gộp mỗi ngày hoặc tắt thư, hãy đổi cài đặt thông báo trong ứng dụng.";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const htmlText = (s: string) => escapeHtml(s).replace(/\r?\n/g, "<br>");

function rows(n: NoticeContent, timeZone: string): [string, string][] {
  const out: [string, string][] = [
    ["Mã ấn phẩm", n.versionN ? `${n.code} (phiên bản ${n.versionN})` : n.code],
  ];
  if (n.slogan) out.push(["Khẩu hiệu", n.slogan]);
  out.push(["Khổ", n.formatLabel]);
  out.push(["Người thực hiện", n.actor ? `${n.actor.name} (${n.actor.roleLabel})` : "Hệ thống"]);
  out.push(["Thao tác", n.actionLabel]);
  if (n.stateLabel) out.push(["Trạng thái", n.stateLabel]);
  if (n.reason) out.push(["Lý do", n.reason.text ? `${n.reason.label} – ${n.reason.text}` : n.reason.label]);
  if (n.note) out.push([n.kind === "COMMENT" ? "Nội dung ý kiến" : "Ý kiến", n.note]);
  out.push(["Thời gian", formatLocalTime(n.at, timeZone)]);
  return out;
}

/** The text part's frame: greeting, the body lines, the signature. */
function textLetter(displayName: string, body: string[]): string {
  return [`Kính gửi ${displayName},`, "", ...body, "--", FOOTER, ""].join("\n");
}

/** The HTML part's frame: greeting, heading, the body, the signature. */
function htmlLetter(displayName: string, heading: string, body: string[]): string {
  return [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body style="font-family:sans-serif">',
    `<p>Kính gửi ${escapeHtml(displayName)},</p>`,
    `<h2 style="font-size:18px">${escapeHtml(heading)}</h2>`,
    ...body,
    `<p style="color:#666;font-size:12px">${escapeHtml(FOOTER)}</p>`,
    "</body></html>",
  ].join("\n");
}

/** One notice as an e-mail to `displayName`; times in `timeZone`. */
export function noticeEmail(displayName: string, n: NoticeContent, timeZone: string): EmailMessage {
  const lines = rows(n, timeZone);
  const heading = `${n.headline}: ${n.code}`;
  const text = textLetter(displayName, [
    heading,
    "",
    ...lines.map(([k, v]) => `${k}: ${v}`),
    "",
    `Xem ấn phẩm: ${n.url}`,
    "",
  ]);
  const html = htmlLetter(displayName, heading, [
    '<table cellpadding="4" style="border-collapse:collapse">',
    ...lines.map(
      ([k, v]) =>
        `<tr><th align="left" valign="top" style="white-space:nowrap">${escapeHtml(k)}</th><td>${htmlText(v)}</td></tr>`,
    ),
    "</table>",
    `<p><a href="${escapeHtml(n.url)}">Xem ấn phẩm ${escapeHtml(n.code)}</a></p>`,
  ]);
  return { subject: `${SUBJECT_TAG} ${n.title}`, text, html };
}

/** The daily digest to `displayName`, listing every waiting item; times in `timeZone`. */
export function digestEmail(displayName: string, d: DigestContent, timeZone: string): EmailMessage {
  const day = formatLocalDate(d.date);
  const count = d.items.length;
  const heading = `Tổng hợp ${count} thông báo (đến ngày ${day})`;
  const text = textLetter(displayName, [
    `${heading}:`,
    "",
    ...d.items.flatMap((it, i) => [
      `${i + 1}. ${it.title} (${formatLocalTime(it.at, timeZone)})`,
      `   ${it.summary}`,
      `   Xem: ${it.url}`,
      "",
    ]),
  ]);
  const html = htmlLetter(displayName, heading, [
    "<ol>",
    ...d.items.map(
      (it) =>
        `<li><p><a href="${escapeHtml(it.url)}"><strong>${escapeHtml(it.title)}</strong></a>` +
        ` <small>${escapeHtml(formatLocalTime(it.at, timeZone))}</small><br>${htmlText(it.summary)}</p></li>`,
    ),
    "</ol>",
  ]);
  return { subject: `${SUBJECT_TAG} Tổng hợp thông báo ngày ${day} (${count} việc)`, text, html };
}
