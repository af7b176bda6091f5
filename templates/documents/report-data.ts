// What the plan report (báo cáo kết quả thực hiện, issue 13 §5) says. storage/report computes it
// from the database; templates/documents/report-xlsx.ts and report-docx.ts write it out. Plain
// data: dates are ISO strings ("YYYY-MM-DD" calendar dates in Vietnam, or ISO UTC instants where
// named so), counts are whole numbers.

/** What a design is, for targets: a banner (băng rôn, cờ phướn, pano), a poster, or a screen/social image. */
export type ProductKind = "banner" | "poster" | "social";
export const PRODUCT_KINDS: readonly ProductKind[] = ["banner", "poster", "social"];

export const PRODUCT_KIND_LABELS_VI: Record<ProductKind, string> = {
  banner: "Băng rôn, cờ phướn, pano",
  poster: "Áp phích",
  social: "Ảnh màn hình, mạng xã hội",
};

/** Designs (assets) made, approved and published. */
export interface AssetCounts {
  made: number;
  approved: number;
  published: number;
}

/**
 * One row's numbers; see storage/report/plan-report.ts for which date each count reads.
 * `made`/`approved`/`published` are the sums over `byKind` plus designs whose format is unknown.
 */
export interface ReportCounts extends AssetCounts {
  byKind: Record<ProductKind, AssetCounts>;
  /** Copies (not lines) printed and delivered. */
  printedQty: number;
  deliveredQty: number;
  /** Installations (one line's copy at one place) hung, and the photos proving them. */
  installed: number;
  photos: number;
  /** "Đã đăng" records of social posts. */
  posted: number;
  /** Designs past their "cần hoàn thành trước" date and not finished, on the report's day. */
  overdue: number;
}

/** How many of each the admin expects for one content item. */
export interface ItemTargets {
  banners: number;
  posters: number;
  socialPosts: number;
}

export interface ReportItemRow extends ReportCounts {
  /** Null for the row of designs tied to no content item. */
  contentItemId: string | null;
  /** "1.12"; "—" for the row of designs tied to no content item. */
  code: string;
  title: string;
  targets: ItemTargets;
}

export interface ReportTaskRow extends ReportCounts {
  number: number;
  title: string;
  /** The closing table's own words ("Phòng VH-XH"). */
  leadText: string;
  timeText: string;
  product: string;
  /** ISO date or null. */
  dueDate: string | null;
}

export interface ReportSocialPost {
  assetCode: string;
  assetTitle: string;
  /** "1.12" or null. */
  contentItemCode: string | null;
  channelLabel: string;
  url: string;
  /** ISO date. */
  postedOn: string;
}

export interface ReportInstallation {
  assetCode: string;
  assetTitle: string;
  contentItemCode: string | null;
  placeName: string;
  placeKindLabel: string;
  address: string;
  /** ISO dates; removedOn null while it still hangs. */
  installedOn: string;
  removedOn: string | null;
  photos: number;
  /**
   * The first photo taken there: the page shows /photos/:id, the XLSX and DOCX embed it from the
   * ReportPhotos map their writers take (storage/report loadInstallationPhotos).
   */
  photoId: string | null;
}

/** Reduced photos for the report files, by photo id; a photo missing from it is left out. */
export type ReportPhotos = ReadonlyMap<string, ReportPhoto>;

/** A photo reduced for a report: JPEG bytes and their size in pixels. */
export interface ReportPhoto {
  jpeg: Uint8Array;
  widthPx: number;
  heightPx: number;
}

export interface ReportOverdue {
  assetCode: string;
  assetTitle: string;
  contentItemCode: string | null;
  /** Task number or null. */
  taskNumber: number | null;
  stateLabel: string;
  /** ISO date the design was due. */
  dueOn: string;
}

export interface ReportMeta {
  planId: string;
  /** "CCHC-2026": names the exported files. */
  planCode: string;
  planTitle: string;
  /** "125/KH-UBND" or null while the plan has no number. */
  planNumber: string | null;
  /** ISO date or null. */
  planIssuedOn: string | null;
  planYear: number;
  /** "Kết quả thực hiện Kế hoạch tuyên truyền … năm 2026": the line under "BÁO CÁO". */
  reportTitle: string;
  issuer: {
    /** The body above the issuer, as the header prints it: "UBND XÃ LẠC PHƯỢNG". */
    parent: string;
    /** The issuer: "PHÒNG VĂN HÓA - XÃ HỘI". */
    body: string;
    /** The issuer as a sentence names it: "Phòng Văn hóa - Xã hội". */
    bodyName: string;
    /** For the number field and the file copy: "VHXH" (→ "Số: …/BC-VHXH"). */
    abbreviation: string;
    /** Where it is signed: "Lạc Phượng". */
    place: string;
  };
  /** ISO dates, inclusive; null = open on that side. */
  period: { from: string | null; to: string | null };
  /** ISO UTC instant the report was computed. */
  generatedAt: string;
  /** The report's day in Vietnam (ISO date): what "overdue" is measured against. */
  today: string;
}

export interface PlanReport {
  meta: ReportMeta;
  /** One row per content item in plan order, then one for designs tied to none (only when it counts something). */
  perItem: ReportItemRow[];
  /** Sums of `perItem` (targets included). */
  itemTotals: ReportCounts & { targets: ItemTargets };
  /** One row per task of the closing table, counting designs tied to that task. */
  perTask: ReportTaskRow[];
  socialPosts: ReportSocialPost[];
  installations: ReportInstallation[];
  overdue: ReportOverdue[];
}

/** The count columns every table shares, in order, with their Vietnamese headers. */
export const COUNT_COLUMNS: readonly { key: keyof Omit<ReportCounts, "byKind">; labelVi: string }[] = [
  { key: "made", labelVi: "Đã tạo" },
  { key: "approved", labelVi: "Đã phê duyệt" },
  { key: "published", labelVi: "Đã phát hành" },
  { key: "printedQty", labelVi: "Số bản đã in" },
  { key: "deliveredQty", labelVi: "Số bản đã giao" },
  { key: "installed", labelVi: "Vị trí đã treo/đặt" },
  { key: "photos", labelVi: "Ảnh nghiệm thu" },
  { key: "posted", labelVi: "Bài đã đăng" },
  { key: "overdue", labelVi: "Quá hạn" },
];

/** "2026-03-05" → "05/03/2026"; "" for null. */
export function viDate(iso: string | null): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** The period in words: "từ 01/03/2026 đến 31/03/2026", "đến 31/03/2026", or "từ đầu kế hoạch đến nay". */
export function periodVi(period: { from: string | null; to: string | null }): string {
  if (period.from && period.to) return `từ ${viDate(period.from)} đến ${viDate(period.to)}`;
  if (period.from) return `từ ${viDate(period.from)} đến nay`;
  if (period.to) return `từ đầu kế hoạch đến ${viDate(period.to)}`;
  return "từ đầu kế hoạch đến nay";
}
