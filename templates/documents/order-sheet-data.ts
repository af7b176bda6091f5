// What the order spec sheet (phiếu đặt in, issue 13 §2) prints. storage/print-orders fills it from
// the database; templates/documents/order-sheet.ts draws it. Lengths in millimetres, sizes in bytes.

/** One file of a line, as published in the object store. */
export interface OrderSheetFile {
  kind: "pdf" | "pdf_scaled" | "png";
  fileName: string;
  sha256: string;
  sizeBytes: number;
  /** 1 for true size, 10 for the 1:10 file of formats over 5.08 m. */
  scaleDenominator: number;
}

export interface OrderSheetLine {
  /** 1-based line number on the sheet. */
  n: number;
  assetCode: string;
  verifyCode: string;
  title: string;
  slogan: string;
  formatLabel: string;
  trimWidthMm: number;
  trimHeightMm: number;
  bleedMm: number;
  hemMm: number;
  safeMarginMm: number;
  /** Hem and grommets in words ("Viền may 30 mm, khoen ô-dê theo khung"); "" for none. */
  finishing: string;
  material: string;
  quantity: number;
  placements: { name: string; kindLabel: string; quantity: number }[];
  files: OrderSheetFile[];
  /** A small PNG of the version (about 300 px on the long side), or null. */
  thumbnailPng: Uint8Array | null;
  /** The asset was revoked: the line must not be printed. */
  blocked: boolean;
}

export interface OrderSheetData {
  /** "DI-2026-001". */
  code: string;
  /** ISO UTC. */
  createdAt: string;
  /** ISO date, or null when no delivery date was set. */
  deliverBy: string | null;
  /** The issuing body ("ỦY BAN NHÂN DÂN XÃ LẠC PHƯỢNG"). */
  issuer: string;
  orderedBy: { name: string; title: string | null; unit: string | null };
  printer: { name: string };
  note: string;
  lines: OrderSheetLine[];
  /** Public verify address without the code (".../verify"), or null when PUBLIC_ORIGIN is unset. */
  verifyBaseUrl: string | null;
}
