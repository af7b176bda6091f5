import { isOverdue } from "../../domain/deadlines";
import { SITE_KIND_LABELS_VI, isSiteKind } from "../../domain/placements";
import { isSocialChannel, SOCIAL_CHANNEL_LABELS_VI } from "../../domain/social";
import { STATE_LABELS_VI } from "../../domain/states";
import { vnDate } from "../../domain/working-days";
import {
  type AssetCounts,
  type ItemTargets,
  PRODUCT_KINDS,
  type PlanReport,
  type ReportCounts,
  type ReportMeta,
} from "../../templates/documents/report-data";
import type { DbHandle } from "../db/connection";
import { all, first } from "../db/sync";
import { ReportError } from "./errors";
import { productKindOf } from "./kinds";
import { checkPeriod, dateInPeriod, instantInPeriod, type ReportPeriod } from "./period";
import { type AssetRow, assetRows, installationRows, lineRows, postRows } from "./rows";
import { getTargets, ZERO_TARGETS } from "./targets";

/** Plan section V.1: the Culture-Social office gathers the results and reports them. */
export const REPORTING_UNIT_ID = "phong-vhxh";

export interface PlanReportInput {
  planId: string;
  /** Inclusive ISO dates; omitted or null = open on that side. */
  from?: string | null;
  to?: string | null;
  /** The report's instant (tests fix it); "today" for overdue is its date in Vietnam. */
  now?: Date;
}

const NO_ITEM_KEY = "";

function zeroAssetCounts(): AssetCounts {
  return { made: 0, approved: 0, published: 0 };
}

function zeroCounts(): ReportCounts {
  return {
    ...zeroAssetCounts(),
    byKind: { banner: zeroAssetCounts(), poster: zeroAssetCounts(), social: zeroAssetCounts() },
    printedQty: 0,
    deliveredQty: 0,
    installed: 0,
    photos: 0,
    posted: 0,
    overdue: 0,
  };
}

function addCounts(into: ReportCounts, add: ReportCounts): void {
  for (const k of ["made", "approved", "published"] as const) {
    into[k] += add[k];
    for (const kind of PRODUCT_KINDS) into.byKind[kind][k] += add.byKind[kind][k];
  }
  for (const k of ["printedQty", "deliveredQty", "installed", "photos", "posted", "overdue"] as const)
    into[k] += add[k];
}

function isCounting(c: ReportCounts): boolean {
  return (
    c.made + c.approved + c.published + c.printedQty + c.deliveredQty + c.installed + c.posted + c.overdue > 0
  );
}

/** "Ủy ban nhân dân xã Lạc Phượng" → "UBND XÃ LẠC PHƯỢNG" (Decree 30 allows the common abbreviation). */
function upperBody(name: string): string {
  return name.replace(/^Ủy ban nhân dân\b/i, "UBND").toLocaleUpperCase("vi");
}

/** "Phòng VH-XH" → "VHXH": the issuer's letters in "Số: …/BC-VHXH". */
function abbreviation(name: string, shortName: string | null): string {
  const short = (shortName ?? "").replace(/^Phòng\s+/i, "").replace(/[^\p{L}\p{N}]/gu, "");
  if (short) return short.toLocaleUpperCase("vi");
  return name
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}]/gu, "").charAt(0))
    .join("")
    .toLocaleUpperCase("vi");
}

function reportMeta(handle: DbHandle, planId: string, period: ReportPeriod, now: Date): ReportMeta {
  const { conn, db } = handle;
  const plan = first(conn, db.selectFrom("plans").selectAll().where("id", "=", planId));
  if (!plan) throw new ReportError("NOT_FOUND", `plan ${planId} not found`);
  const unit = (id: string) =>
    first(conn, db.selectFrom("units").select(["name", "short_name"]).where("id", "=", id));
  const parent = unit(plan.issuing_unit_id);
  const body = unit(REPORTING_UNIT_ID) ?? parent;
  const parentName = parent?.name ?? "";
  return {
    planId,
    planCode: plan.code,
    planTitle: plan.title,
    planNumber: plan.number,
    planIssuedOn: plan.issued_on,
    planYear: plan.year,
    reportTitle: `Kết quả thực hiện ${plan.title}`,
    issuer: {
      parent: upperBody(parentName),
      body: upperBody(body?.name ?? ""),
      bodyName: body?.name ?? "",
      abbreviation: abbreviation(body?.name ?? "", body?.short_name ?? null),
      place: /(?:xã|phường|thị trấn|đặc khu)\s+(.+)$/i.exec(parentName)?.[1] ?? parentName,
    },
    period,
    generatedAt: now.toISOString(),
    today: vnDate(now),
  };
}

/**
 * The plan report (issue 13 §5) of `planId` over a period. Which date each number reads (all
 * inclusive, as dates in Vietnam):
 * - made: designs whose asset was created (assets.created_at) in the period;
 * - approved / published: designs whose APPROVE / PUBLISHED audit event (audit_events.at; each
 *   happens once per asset) lies in the period;
 *   rejected and revoked designs count in none of these three: they are not products the plan
 *   can claim (as on the dashboard before);
 * - printedQty / deliveredQty: copies (print_order_lines.quantity) of lines whose printed_on /
 *   delivered_on lies in the period, over orders not cancelled;
 * - installed: installations whose installed_on lies in the period; photos: the photos of those
 *   installations, whatever day each was taken;
 * - posted: social_posts whose posted_on lies in the period;
 *   printed, delivered, installed and posted are facts on the road and count for revoked designs too;
 * - overdue: not period-bound — designs past due_on and unfinished on the report's day
 *   (domain/deadlines isOverdue, the dashboard's rule).
 * Rows: per content item (assets.content_item_id) with its targets, plus a row for designs tied
 * to none when it counts anything; per task (assets.task_id). Kinds (banner/poster/social) from
 * the format (./kinds). Lists: social posts posted in the period; installations installed or
 * removed in the period; every overdue design. Throws ReportError NOT_FOUND (no such plan),
 * INVALID_DATE / INVALID_PERIOD (see checkPeriod).
 */
export function planReport(handle: DbHandle, input: PlanReportInput): PlanReport {
  const period = checkPeriod(input);
  const now = input.now ?? new Date();
  const meta = reportMeta(handle, input.planId, period, now);
  const assets = assetRows(handle, input.planId);
  const byId = new Map(assets.map((a) => [a.id, a]));

  // Each design's own numbers first; rows are sums of these.
  const own = new Map<string, ReportCounts>(assets.map((a) => [a.id, zeroCounts()]));
  const counted = (a: AssetRow) => a.state !== "rejected" && a.state !== "revoked";
  for (const a of assets) {
    const c = own.get(a.id)!;
    const kind = productKindOf(a.formatId);
    const bump = (k: keyof AssetCounts) => {
      c[k]++;
      if (kind) c.byKind[kind][k]++;
    };
    if (counted(a) && instantInPeriod(a.createdAt, period)) bump("made");
    if (counted(a) && instantInPeriod(a.approvedAt, period)) bump("approved");
    if (counted(a) && instantInPeriod(a.publishedAt, period)) bump("published");
    if (isOverdue(a.state, a.dueOn, meta.today)) c.overdue++;
  }
  for (const l of lineRows(handle, input.planId)) {
    const c = own.get(l.assetId);
    if (!c) continue;
    if (dateInPeriod(l.printedOn, period)) c.printedQty += l.quantity;
    if (dateInPeriod(l.deliveredOn, period)) c.deliveredQty += l.quantity;
  }
  const installations = installationRows(handle, input.planId);
  for (const i of installations) {
    const c = own.get(i.assetId);
    if (!c || !dateInPeriod(i.installedOn, period)) continue;
    c.installed++;
    c.photos += i.photos;
  }
  const posts = postRows(handle, input.planId).filter((p) => dateInPeriod(p.postedOn, period));
  for (const p of posts) {
    const c = own.get(p.assetId);
    if (c) c.posted++;
  }

  const sumBy = (key: (a: AssetRow) => string | null) => {
    const out = new Map<string, ReportCounts>();
    for (const a of assets) {
      const k = key(a);
      if (k === null) continue;
      if (!out.has(k)) out.set(k, zeroCounts());
      addCounts(out.get(k)!, own.get(a.id)!);
    }
    return out;
  };
  const byItem = sumBy((a) => a.contentItemId ?? NO_ITEM_KEY);
  const byTask = sumBy((a) => a.taskId);

  const { conn, db } = handle;
  const items = all(
    conn,
    db
      .selectFrom("content_items")
      .select(["id", "code", "title"])
      .where("plan_id", "=", input.planId)
      .orderBy("sort_order"),
  );
  const targets = getTargets(handle, input.planId);
  const perItem: PlanReport["perItem"] = items.map((it) => ({
    contentItemId: it.id,
    code: it.code,
    title: it.title,
    targets: targets.get(it.id) ?? { ...ZERO_TARGETS },
    ...(byItem.get(it.id) ?? zeroCounts()),
  }));
  const loose = byItem.get(NO_ITEM_KEY);
  if (loose && isCounting(loose)) {
    perItem.push({
      contentItemId: null,
      code: "—",
      title: "Ấn phẩm chưa gắn nội dung tuyên truyền",
      targets: { ...ZERO_TARGETS },
      ...loose,
    });
  }
  const itemTotals = { ...zeroCounts(), targets: { ...ZERO_TARGETS } as ItemTargets };
  for (const r of perItem) {
    addCounts(itemTotals, r);
    itemTotals.targets.banners += r.targets.banners;
    itemTotals.targets.posters += r.targets.posters;
    itemTotals.targets.socialPosts += r.targets.socialPosts;
  }

  const tasks = all(
    conn,
    db
      .selectFrom("tasks")
      .select(["id", "number", "title", "lead_text", "time_text", "product", "due_date"])
      .where("plan_id", "=", input.planId)
      .orderBy("number"),
  );
  const perTask: PlanReport["perTask"] = tasks.map((t) => ({
    number: t.number,
    title: t.title,
    leadText: t.lead_text,
    timeText: t.time_text,
    product: t.product,
    dueDate: t.due_date,
    ...(byTask.get(t.id) ?? zeroCounts()),
  }));

  const assetOf = (id: string) => byId.get(id)!;
  return {
    meta,
    perItem,
    itemTotals,
    perTask,
    socialPosts: posts.map((p) => {
      const a = assetOf(p.assetId);
      return {
        assetCode: a.code,
        assetTitle: a.title,
        contentItemCode: a.contentItemCode,
        channelLabel: isSocialChannel(p.channel) ? SOCIAL_CHANNEL_LABELS_VI[p.channel] : p.channel,
        url: p.url,
        postedOn: p.postedOn,
      };
    }),
    installations: installations
      .filter((i) => dateInPeriod(i.installedOn, period) || dateInPeriod(i.removedOn, period))
      .map((i) => {
        const a = assetOf(i.assetId);
        return {
          assetCode: a.code,
          assetTitle: a.title,
          contentItemCode: a.contentItemCode,
          placeName: i.placeName,
          placeKindLabel: isSiteKind(i.placeKind) ? SITE_KIND_LABELS_VI[i.placeKind] : i.placeKind,
          address: i.address,
          installedOn: i.installedOn,
          removedOn: i.removedOn,
          photos: i.photos,
          photoId: i.photoId,
        };
      }),
    overdue: assets
      .filter((a) => isOverdue(a.state, a.dueOn, meta.today))
      .sort((x, y) => x.dueOn!.localeCompare(y.dueOn!) || x.code.localeCompare(y.code))
      .map((a) => ({
        assetCode: a.code,
        assetTitle: a.title,
        contentItemCode: a.contentItemCode,
        taskNumber: a.taskNumber,
        stateLabel: STATE_LABELS_VI[a.state],
        dueOn: a.dueOn!,
      })),
  };
}
