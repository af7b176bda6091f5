import { z } from "zod";
import type { Role } from "../../domain/roles";
import { SOCIAL_CHANNELS } from "../../domain/social";
import type { DbHandle } from "../../storage/db/connection";
import { contentDisposition } from "../../storage/objects/content-disposition";
import { DEFAULT_PLAN_ID } from "../../storage/plan";
import {
  isReportError,
  MAX_POST_URL_CHARS,
  MAX_TARGET,
  loadInstallationPhotos,
  planReport,
  ReportError,
  recordSocialPost,
  removeSocialPost,
  setTargets,
  targetsByItem,
} from "../../storage/report";
import type { User } from "../../storage/users";
import type { PlanReport } from "../../templates/documents/report-data";
import { planReportDocx } from "../../templates/documents/report-docx";
import { planReportXlsx } from "../../templates/documents/report-xlsx";
import { parseViDate } from "./admin-settings.server";
import { type PeriodInput, parsePeriod } from "./report-period.server";
import { userMessage } from "./errors.server";
import { requireUser } from "./auth.server";
import { db } from "./db.server";
import { appObjectStore } from "./stores.server";
import { badRequest, resourceResponse } from "./http.server";

// The plan report in the app (issue 13 §5): the page, its two downloads, the admin's targets and
// the "đã đăng" form of the asset page. Dates are typed and shown dd/mm/yyyy; storage keeps ISO.

/** Who reads the report: the office that writes it, the leadership that signs it, the admin. */
export const REPORT_ROLES: readonly Role[] = ["office", "approver", "admin"];

function periodOf(url: URL): PeriodInput {
  return {
    fromText: (url.searchParams.get("from") ?? "").slice(0, 20),
    toText: (url.searchParams.get("to") ?? "").slice(0, 20),
  };
}

/** The report over the period the URL asks for (?from=dd/mm/yyyy&to=…); throws what parsePeriod and planReport throw. */
export function reportFor(handle: DbHandle, url: URL, now = new Date()): PlanReport {
  return planReport(handle, { planId: DEFAULT_PLAN_ID, ...parsePeriod(periodOf(url)), now });
}

/** The /report page: the report, or the refusal of a bad period (with what was typed). */
export function reportPageData(handle: DbHandle, url: URL) {
  const period = periodOf(url);
  try {
    return { ...period, report: reportFor(handle, url), error: null, query: url.search };
  } catch (e) {
    return { ...period, report: null, error: userMessage(e), query: "" };
  }
}

const FILE_TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

/** "Báo cáo kết quả CCHC-2026 từ 2026-03-01 đến 2026-03-31.xlsx". */
export function reportFileName(report: PlanReport, ext: keyof typeof FILE_TYPES): string {
  const { from, to } = report.meta.period;
  const period = `${from ? ` từ ${from}` : ""}${to ? ` đến ${to}` : ""}`;
  return `Báo cáo kết quả ${report.meta.planCode}${period}.${ext}`;
}

/**
 * GET /report.xlsx and /report.docx: the report over ?from&to as an attachment, never cached.
 * A bad period answers 400 with the Vietnamese message (the route runs inside resourceResponse).
 */
export async function reportFileResponse(
  handle: DbHandle,
  url: URL,
  ext: keyof typeof FILE_TYPES,
): Promise<Response> {
  let report: PlanReport;
  try {
    report = reportFor(handle, url);
  } catch (e) {
    badRequest(userMessage(e));
  }
  const { photos } = await loadInstallationPhotos(handle, appObjectStore(), report);
  const bytes = ext === "xlsx" ? await planReportXlsx(report, photos) : await planReportDocx(report, photos);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": FILE_TYPES[ext],
      "Content-Length": String(bytes.length),
      "Content-Disposition": contentDisposition(reportFileName(report, ext)),
      "Cache-Control": "private, no-store",
    },
  });
}

/** The loader of /report.xlsx and /report.docx: REPORT_ROLES only, refusals as plain-text answers. */
export function reportDownload(request: Request, ext: keyof typeof FILE_TYPES): Promise<Response> {
  return resourceResponse("text", () => {
    requireUser(request, REPORT_ROLES);
    return reportFileResponse(db(), new URL(request.url), ext);
  });
}

/** The admin's targets form: every content item of the plan with its three targets (0 when unset). */
export function targetsPageData(handle: DbHandle) {
  return { max: MAX_TARGET, items: targetsByItem(handle, DEFAULT_PLAN_ID) };
}

const targetField = z.coerce.number().int().min(0).max(MAX_TARGET);
const targetsSchema = z.object({
  item: z.array(z.string().min(1).max(100)).min(1).max(200),
  banners: z.array(targetField),
  posters: z.array(targetField),
  socialPosts: z.array(targetField),
});

export type TargetsResult = { ok: string; error: null } | { ok: null; error: string; status: number };

/**
 * Saves the targets form (parallel lists item / banners / posters / socialPosts, blank = 0) as
 * `admin`; storage checks the role again and writes all rows or none. Status 400 for input the
 * rules refuse.
 */
export function saveTargetsForm(handle: DbHandle, admin: User, form: FormData): TargetsResult {
  const parsed = targetsSchema.safeParse({
    item: form.getAll("item"),
    banners: form.getAll("banners"),
    posters: form.getAll("posters"),
    socialPosts: form.getAll("socialPosts"),
  });
  const f = parsed.success ? parsed.data : null;
  if (!f || ![f.banners, f.posters, f.socialPosts].every((l) => l.length === f.item.length)) {
    return {
      ok: null,
      status: 400,
      error: `Chỉ tiêu phải là số nguyên từ 0 đến ${MAX_TARGET.toLocaleString("vi-VN")}.`,
    };
  }
  try {
    const n = setTargets(handle, {
      planId: DEFAULT_PLAN_ID,
      userId: admin.id,
      targets: f.item.map((contentItemId, i) => ({
        contentItemId,
        banners: f.banners[i],
        posters: f.posters[i],
        socialPosts: f.socialPosts[i],
      })),
    });
    return { ok: `Đã lưu chỉ tiêu của ${n} nội dung tuyên truyền.`, error: null };
  } catch (e) {
    return { ok: null, error: userMessage(e), status: 400 };
  }
}

/** 403 for a permission refusal, 404 for something not there, 400 for the rest. */
function refusalStatus(e: unknown): number {
  if (!isReportError(e)) return 400;
  return e.code === "FORBIDDEN" ? 403 : e.code === "NOT_FOUND" ? 404 : 400;
}

const postSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("record"),
    channel: z.enum(SOCIAL_CHANNELS),
    url: z.string().max(MAX_POST_URL_CHARS + 200),
    postedOn: z.string().max(20),
    note: z.string().max(4000).optional(),
  }),
  z.object({ intent: z.literal("remove"), postId: z.string().min(1).max(100) }),
]);

/**
 * POST /asset/:id/posts: records (intent=record: channel, url, postedOn as ISO or dd/mm/yyyy,
 * note) or removes (intent=remove: postId) a "đã đăng" record as `user`. Done: where to go back
 * to (the asset page's panel). Refused: `{ ok: false, error, status }` (403 not allowed, 404 no such
 * asset or post, 400 otherwise) for the form to show.
 */
export function socialPostAction(handle: DbHandle, user: User, assetId: string, form: FormData) {
  const parsed = postSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const badChannel = parsed.error.issues.some((i) => i.path[0] === "channel");
    return {
      ok: false as const,
      status: 400,
      error: new ReportError(badChannel ? "INVALID_CHANNEL" : "INVALID_INPUT").messageVi,
    };
  }
  const f = parsed.data;
  try {
    if (f.intent === "record") {
      recordSocialPost(handle, {
        assetId,
        userId: user.id,
        channel: f.channel,
        url: f.url,
        postedOn: parseViDate(f.postedOn) ?? f.postedOn,
        note: f.note,
      });
    } else {
      removeSocialPost(handle, { postId: f.postId, userId: user.id, assetId });
    }
  } catch (e) {
    return { ok: false as const, status: refusalStatus(e), error: userMessage(e) };
  }
  return { ok: true as const, redirectTo: `/asset/${encodeURIComponent(assetId)}#social-posts` };
}
