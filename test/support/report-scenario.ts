import { getAsset } from "../../storage/assets";
import type { DbHandle } from "../../storage/db";
import { recordSocialPost, setTargets } from "../../storage/report";
import { applyAssetEvent, createAsset, markPublished } from "../../workflows/service";
import { fakeFiles, USERS } from "./db";

// A small year of the plan for the report tests, built in time order (the audit log is
// append-only): six designs across items 1.12 and 1.3 and none, task 2, one order with a
// printed and delivered line, a revoked design printed before its revocation, a cancelled order,
// two installations (one with 2 photos, one taken down) and three social posts. Every expected
// number of the tests is derived in the comments beside each step.

/** The report's "now": 20/04/2026 12:00 in Vietnam. */
export const REPORT_NOW = new Date("2026-04-20T05:00:00Z");

const at = (iso: string) => new Date(iso);
type Step = "SUBMIT" | "FORWARD" | "APPROVE" | "REJECT" | "REVOKE";

function step(handle: DbHandle, assetId: string, type: Step, user: string, when: string) {
  const asset = getAsset(handle, assetId)!;
  applyAssetEvent(handle, {
    assetId,
    versionHash: asset.currentVersionHash!,
    now: at(when),
    event: {
      type,
      actor: { userId: user },
      ...(type === "REVOKE" || type === "REJECT"
        ? { reason: { code: "off_plan" as const, text: "Sai mục kế hoạch" } }
        : {}),
    },
  });
}

function make(
  handle: DbHandle,
  label: string,
  o: { item: string | null; format: string; task?: string | null; dueOn?: string | null; when: string },
) {
  const all = fakeFiles(label);
  const screen = !/^(bang-ron|co-phuon|pano|a[0-3])/.test(o.format);
  return createAsset(handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: o.item,
    templateId: "traditional",
    formatId: o.format,
    title: `Ấn phẩm ${label}`,
    text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
    files: screen ? { png: all.png } : all,
    taskId: o.task ?? null,
    ...(o.dueOn !== undefined ? { dueOn: o.dueOn } : {}),
    now: at(o.when),
  });
}

function approve(handle: DbHandle, assetId: string, day: string, approveAt = `${day}T03:00:00Z`) {
  step(handle, assetId, "SUBMIT", USERS.drafter, `${day}T01:00:00Z`);
  step(handle, assetId, "FORWARD", USERS.office, `${day}T02:00:00Z`);
  step(handle, assetId, "APPROVE", USERS.approver, approveAt);
}

function publish(handle: DbHandle, assetId: string, when: string) {
  markPublished(handle, {
    assetId,
    versionHash: getAsset(handle, assetId)!.currentVersionHash!,
    now: at(when),
  });
}

const TASK2 = "cchc-2026:task-2";
const I112 = "cchc-2026:1.12";
const I13 = "cchc-2026:1.3";

function insert(handle: DbHandle, table: string, row: Record<string, unknown>) {
  const cols = Object.keys(row);
  handle.conn
    .prepare(`INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`)
    .run(...Object.values(row));
}

function order(handle: DbHandle, id: string, status: "open" | "cancelled", when: string) {
  insert(handle, "print_orders", {
    id,
    code: `DI-2026-${id}`,
    plan_id: "cchc-2026",
    printer_unit_id: "don-vi-in",
    deliver_by: null,
    status,
    created_by: USERS.office,
    created_at: when,
    updated_at: when,
  });
}

function line(
  handle: DbHandle,
  o: {
    id: string;
    order: string;
    n: number;
    assetId: string;
    quantity: number;
    printed?: string;
    delivered?: string;
  },
) {
  insert(handle, "print_order_lines", {
    id: o.id,
    order_id: o.order,
    sort_order: o.n,
    asset_id: o.assetId,
    version_id: getAsset(handle, o.assetId)!.currentVersionId,
    quantity: o.quantity,
    printed_on: o.printed ?? null,
    delivered_on: o.delivered ?? null,
  });
}

function place(handle: DbHandle, id: string, name: string, kind: string) {
  insert(handle, "placements", {
    id,
    plan_id: "cchc-2026",
    kind,
    name,
    address: "Đường trục xã (dữ liệu mẫu)",
    is_demo: 1,
    created_at: "2026-01-02T00:00:00Z",
    updated_at: "2026-01-02T00:00:00Z",
  });
}

function install(
  handle: DbHandle,
  o: {
    id: string;
    line: string;
    placement: string;
    assetId: string;
    on: string;
    removed?: string;
    photos: number;
  },
) {
  insert(handle, "installations", {
    id: o.id,
    line_id: o.line,
    placement_id: o.placement,
    asset_id: o.assetId,
    version_id: getAsset(handle, o.assetId)!.currentVersionId,
    installed_on: o.on,
    removed_on: o.removed ?? null,
    installed_by: USERS.office,
    removed_by: o.removed ? USERS.office : null,
    created_at: `${o.on}T03:00:00Z`,
    updated_at: `${o.on}T03:00:00Z`,
  });
  for (let i = 0; i < o.photos; i++) {
    insert(handle, "installation_photos", {
      id: `${o.id}-photo-${i}`,
      installation_id: o.id,
      asset_id: o.assetId,
      object_key: `assets/${o.assetId}/installations/${o.id}-${i}.jpg`,
      sha256: String(i).repeat(64),
      size: 1000 + i,
      width: 1600,
      height: 1200,
      content_type: "image/jpeg",
      uploaded_by: USERS.office,
      created_at: `${o.on}T04:00:00Z`,
    });
  }
}

export interface ReportScenario {
  /** banner 1.12 task 2: approved 12/02, published 13/02, 5 printed 20/02, delivered 25/02, hung at 2 places. */
  banner: string;
  /** social 1.12 task 2: created 28/02 23:00 VN, approved 01/03 00:30 VN, published 05/03, 3 posts. */
  social: string;
  /** poster 1.3 task 2: created 03/03, waiting in office review, due 10/03 → overdue. */
  poster: string;
  /** banner 1.3: approved and published in January, 2 printed 25/01, revoked 01/02. */
  revoked: string;
  /** poster 1.12: rejected 15/02. */
  rejected: string;
  /** screen, no content item: a draft made 04/03. */
  loose: string;
  codes: Record<"banner" | "social" | "poster" | "revoked" | "rejected" | "loose", string>;
}

/** Builds the scenario (see ReportScenario) on a seeded database. */
export function buildReportScenario(handle: DbHandle): ReportScenario {
  // Revoked: made 15/01, approved 20/01, published 21/01, 2 copies printed 25/01, revoked 01/02.
  const revoked = make(handle, "thu-hoi", {
    item: I13,
    format: "bang-ron-1x7",
    when: "2026-01-15T02:00:00Z",
  });
  approve(handle, revoked.assetId, "2026-01-20");
  publish(handle, revoked.assetId, "2026-01-21T02:00:00Z");
  order(handle, "001", "open", "2026-01-22T02:00:00Z");
  line(handle, {
    id: "line-revoked",
    order: "001",
    n: 1,
    assetId: revoked.assetId,
    quantity: 2,
    printed: "2026-01-25",
  });
  step(handle, revoked.assetId, "REVOKE", USERS.approver, "2026-02-01T02:00:00Z");

  // Banner of 1.12 for task 2.
  const banner = make(handle, "bang-ron", {
    item: I112,
    format: "bang-ron-1.2x10",
    task: TASK2,
    when: "2026-02-10T02:00:00Z",
  });
  approve(handle, banner.assetId, "2026-02-12");
  publish(handle, banner.assetId, "2026-02-13T02:00:00Z");
  order(handle, "002", "open", "2026-02-14T02:00:00Z");
  line(handle, {
    id: "line-banner",
    order: "002",
    n: 1,
    assetId: banner.assetId,
    quantity: 5,
    printed: "2026-02-20",
    delivered: "2026-02-25",
  });
  // A cancelled order's printed line counts nowhere.
  order(handle, "003", "cancelled", "2026-02-14T03:00:00Z");
  line(handle, {
    id: "line-cancelled",
    order: "003",
    n: 1,
    assetId: banner.assetId,
    quantity: 7,
    printed: "2026-02-21",
  });
  place(handle, "p-road", "Trục đường mẫu số 1", "road");
  place(handle, "p-hall", "Nhà văn hóa thôn mẫu", "village_hall");
  // Hung 26/02 with 1 photo, taken down 15/03; hung 01/03 with 2 photos.
  install(handle, {
    id: "inst-hall",
    line: "line-banner",
    placement: "p-hall",
    assetId: banner.assetId,
    on: "2026-02-26",
    removed: "2026-03-15",
    photos: 1,
  });
  install(handle, {
    id: "inst-road",
    line: "line-banner",
    placement: "p-road",
    assetId: banner.assetId,
    on: "2026-03-01",
    photos: 2,
  });

  // Rejected poster of 1.12.
  const rejected = make(handle, "tu-choi", { item: I112, format: "a2", when: "2026-02-14T02:00:00Z" });
  step(handle, rejected.assetId, "SUBMIT", USERS.drafter, "2026-02-15T01:00:00Z");
  step(handle, rejected.assetId, "FORWARD", USERS.office, "2026-02-15T02:00:00Z");
  step(handle, rejected.assetId, "REJECT", USERS.approver, "2026-02-15T03:00:00Z");

  // Social image of 1.12 for task 2: made on 28/02 in Vietnam, approved just after midnight 01/03.
  const social = make(handle, "mang-xa-hoi", {
    item: I112,
    format: "fb-link-1200x630",
    task: TASK2,
    when: "2026-02-28T16:00:00Z",
  });
  approve(handle, social.assetId, "2026-02-28", "2026-02-28T17:30:00Z");
  publish(handle, social.assetId, "2026-03-05T02:00:00Z");

  // Poster of 1.3 for task 2, due 10/03, still in the office's hands.
  const poster = make(handle, "ap-phich", {
    item: I13,
    format: "a2",
    task: TASK2,
    dueOn: "2026-03-10",
    when: "2026-03-03T02:00:00Z",
  });
  step(handle, poster.assetId, "SUBMIT", USERS.drafter, "2026-03-03T03:00:00Z");

  // A draft tied to no content item.
  const loose = make(handle, "khong-muc", {
    item: null,
    format: "square-1080",
    when: "2026-03-04T02:00:00Z",
  });

  for (const [channel, url, postedOn] of [
    ["fanpage", "https://www.facebook.com/laphuong/posts/1", "2026-03-06"],
    ["portal", "https://lacphuong.haiphong.gov.vn/tin-tuc/dich-vu-cong", "2026-03-12"],
    ["zalo_oa", "https://zalo.me/laphuong/post/3", "2026-04-02"],
  ] as const) {
    recordSocialPost(handle, {
      assetId: social.assetId,
      userId: USERS.office,
      channel,
      url,
      postedOn,
      now: REPORT_NOW,
    });
  }

  setTargets(handle, {
    planId: "cchc-2026",
    userId: USERS.admin,
    targets: [
      { contentItemId: I112, banners: 3, posters: 2, socialPosts: 4 },
      { contentItemId: I13, banners: 1, posters: 0, socialPosts: 0 },
    ],
  });

  const code = (id: string) => getAsset(handle, id)!.code;
  return {
    banner: banner.assetId,
    social: social.assetId,
    poster: poster.assetId,
    revoked: revoked.assetId,
    rejected: rejected.assetId,
    loose: loose.assetId,
    codes: {
      banner: code(banner.assetId),
      social: code(social.assetId),
      poster: code(poster.assetId),
      revoked: code(revoked.assetId),
      rejected: code(rejected.assetId),
      loose: code(loose.assetId),
    },
  };
}
